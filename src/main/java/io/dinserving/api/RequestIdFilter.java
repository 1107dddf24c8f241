package io.dinserving.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Echoes the caller's {@code X-Request-Id}, or a new one, and puts it in the logging context as
 * {@code requestId}, so a client's report can be found in the service's log.
 */
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    /** The request attribute that holds the id, for what the request path records under it. */
    static final String ATTRIBUTE = "io.dinserving.api.RequestIdFilter.id";

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The body may be read without a thread, then the request dispatched again on another one.
        String id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = request.getHeader(HEADER);
            if (id == null || id.isBlank() || id.length() > 128) {
                id = Long.toHexString(ThreadLocalRandom.current().nextLong());
            }
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
        }
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }
}

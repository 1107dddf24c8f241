package io.dinserving.api;

import io.dinserving.metrics.ServingMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every {@code /recommend} call and records it by outcome; at debug level logs each request
 * with its id, candidate count and time.
 */
class RequestMetricsFilter extends OncePerRequestFilter {

    /** Request attribute the service sets to the number of candidates. */
    static final String CANDIDATES = RequestMetricsFilter.class.getName() + ".candidates";

    /** Request attribute the service sets to the version that took the request. */
    static final String VERSION = RequestMetricsFilter.class.getName() + ".version";

    private static final Logger log = LoggerFactory.getLogger(RequestMetricsFilter.class);
    private static final String REQUEST_ID = "X-Request-Id";

    private final ServingMetrics metrics;

    RequestMetricsFilter(ServingMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String id = request.getHeader(REQUEST_ID);
        if (id == null || id.isBlank() || id.length() > 128) {
            id = Long.toHexString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong());
        }
        response.setHeader(REQUEST_ID, id);
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            long nanos = System.nanoTime() - started;
            Object version = request.getAttribute(VERSION);
            metrics.request(
                    ServingMetrics.Outcome.of(response.getStatus()),
                    version == null ? ServingMetrics.NO_VERSION : version.toString(),
                    nanos);
            if (log.isDebugEnabled()) {
                log.debug(
                        "request {} status {} version {} candidates {} took {} ms",
                        id,
                        response.getStatus(),
                        request.getAttribute(VERSION),
                        request.getAttribute(CANDIDATES),
                        String.format("%.3f", nanos / 1e6));
            }
            MDC.remove("requestId");
        }
    }
}

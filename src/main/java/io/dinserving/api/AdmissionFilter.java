package io.dinserving.api;

import io.dinserving.serving.VersionSelector;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Refuses a request with 503 before its body is read when no version could queue it. Under twice
 * the load the service can score, reading, parsing and encoding every request only to refuse it
 * takes the CPU the admitted requests need: their scoring slows, and they miss their deadline.
 * Refused here, a request costs its headers. A request that passes may still find the queue full
 * and get the same 503 later, from the scorer.
 */
class AdmissionFilter extends OncePerRequestFilter {

    /** The one path it guards. */
    static final String PATH = "/recommend";

    static final String DETAIL = "the scoring queue is full; retry after the Retry-After header";

    private final VersionSelector versions;

    AdmissionFilter(VersionSelector versions) {
        this.versions = versions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || !versions.saturated()) {
            chain.doFilter(request, response);
            return;
        }
        // No handler mapping ran, so without this the refusal would be counted under uri="UNKNOWN".
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATH));
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        ProblemJson.write(response, status, status.getReasonPhrase(), DETAIL, null);
    }
}

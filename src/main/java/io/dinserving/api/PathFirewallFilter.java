package io.dinserving.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request paths no endpoint of this service has: dot segments, path parameters ({@code ;})
 * and encoded separators. Left alone, such a path reaches an endpoint in a shape it does not expect
 * ({@code /actuator/health/..;/x} made the health endpoint throw). 400 problem+json naming the
 * {@code path}.
 */
class PathFirewallFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (suspicious(request.getRequestURI())) {
            ProblemJson.write(
                    response,
                    HttpStatus.BAD_REQUEST,
                    "Invalid path",
                    "path: dot segments, ';' and encoded separators are not allowed",
                    "path");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean suspicious(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        return lower.contains(";")
                || lower.contains("/./")
                || lower.contains("/../")
                || lower.endsWith("/.")
                || lower.endsWith("/..")
                || lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || lower.contains("\\");
    }
}

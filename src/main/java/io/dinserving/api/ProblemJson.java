package io.dinserving.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem+json body for the places that answer before Spring MVC and its message converters
 * exist: a servlet filter, the servlet container's error page.
 */
final class ProblemJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemJson() {}

    /** @param field the offending field, or null */
    static String of(String title, int status, String detail, String field) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (field != null) {
            problem.put("field", field);
        }
        return JSON.writeValueAsString(problem);
    }

    /** Answers a request from a servlet filter, before Spring MVC, with a problem+json body. */
    static void write(HttpServletResponse response, HttpStatus status, String title, String detail, String field)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(of(title, status.value(), detail, field));
    }
}

package io.dinserving.api;

import java.util.LinkedHashMap;
import java.util.Map;
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
}

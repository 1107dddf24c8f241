package io.dinserving.api;

/**
 * A problem+json body written by hand, for the places that answer before Spring MVC and its message
 * converters exist: a servlet filter, the servlet container's error page.
 */
final class ProblemJson {

    private ProblemJson() {}

    /** @param field the offending field, or null */
    static String of(String title, int status, String detail, String field) {
        return "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status + ",\"detail\":"
                + quote(detail) + (field == null ? "" : ",\"field\":" + quote(field)) + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package io.dinserving.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Unknown request fields, each with the closest field this API has. Unknown fields stay accepted, as
 * a client may send fields of a newer version, but a misspelt {@code behaviours} must not silently
 * drop the user's history: the response says so.
 */
final class FieldWarnings {

    static final List<String> REQUEST_FIELDS =
            List.of("userId", "behaviors", "candidates", "userFeatures", "context", "topK", "explain");

    private FieldWarnings() {}

    /**
     * Warnings for the request's unknown fields, then for context values the model has no feature
     * for, in request order.
     *
     * @param contextFeatures the served model's context feature names
     */
    static List<Warning> of(RecommendRequest request, List<String> contextFeatures) {
        List<Warning> warnings = new ArrayList<>();
        if (request.unknownFields() != null) {
            add(warnings, "", request.unknownFields().keySet(), REQUEST_FIELDS, "unknown field, ignored");
        }
        if (request.context() != null) {
            List<String> unused = request.context().keySet().stream()
                    .filter(n -> !contextFeatures.contains(n))
                    .toList();
            add(warnings, "context.", unused, contextFeatures, "not a context feature of this model, ignored");
        }
        return warnings;
    }

    private static void add(
            List<Warning> warnings, String prefix, Collection<String> names, List<String> known, String what) {
        for (String name : names) {
            String closest = closest(name, known);
            warnings.add(
                    new Warning(prefix + name, closest == null ? what : what + "; did you mean '" + closest + "'?"));
        }
    }

    /** The known name within a third of the name's length in edits (at least 2), or null. */
    static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Math.max(2, name.length() / 3) + 1;
        for (String candidate : known) {
            int d = distance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * @param field the ignored field's path, e.g. {@code behaviours} or {@code context.hours}
     * @param message what happened to it, with the closest known field where there is one
     */
    record Warning(String field, String message) {}
}

package io.dinserving.api;

import io.dinserving.feature.ClosestName;
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
            List.of("userId", "behaviors", "candidates", "userFeatures", "context", "topK", "history", "explain");

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
            String closest = ClosestName.of(name, known);
            warnings.add(
                    new Warning(prefix + name, closest == null ? what : what + "; did you mean '" + closest + "'?"));
        }
    }

    /**
     * @param field the ignored field's path, e.g. {@code behaviours} or {@code context.hours}
     * @param message what happened to it, with the closest known field where there is one
     */
    record Warning(String field, String message) {}
}

package io.dinserving.train.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One point of a search space: setting name to value, in the order the space declares them. */
public record Point(Map<String, String> settings) {

    /** The history length this point trains with, or {@code fallback} where it does not vary it. */
    public int maxLength(int fallback) {
        String value = settings.get(SearchSpace.MAX_LENGTH);
        return value == null ? fallback : Integer.parseInt(value);
    }

    String label() {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }
}

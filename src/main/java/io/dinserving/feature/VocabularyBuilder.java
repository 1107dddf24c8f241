package io.dinserving.feature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts tokens and keeps those seen at least {@code minCount} times. Ids follow descending count,
 * ties broken by token, so the same data always gives the same vocabulary.
 */
public final class VocabularyBuilder {

    private final Map<String, Long> counts = new HashMap<>();

    /** Counts one occurrence; null and blank tokens are missing values and not counted. */
    public VocabularyBuilder add(String token) {
        if (token != null && !token.isBlank()) {
            counts.merge(token, 1L, Long::sum);
        }
        return this;
    }

    public Vocabulary build(int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, was " + minCount);
        }
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return new Vocabulary(kept.stream().map(Map.Entry::getKey).toList());
    }
}

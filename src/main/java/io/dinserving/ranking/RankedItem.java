package io.dinserving.ranking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A candidate in the ranking.
 *
 * @param itemId the id the client sent
 * @param score the click probability
 * @param rank 1 for the best
 * @param name its display name from the bundle, in explained rankings; else absent
 * @param attention in explained rankings, the weight each behaviour got for this candidate, oldest
 *     first; else absent
 */
public record RankedItem(
        String itemId,
        float score,
        int rank,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<BehaviourWeight> attention) {

    public RankedItem(String itemId, float score, int rank) {
        this(itemId, score, rank, null, null);
    }

    /** This item with its display name; itself when there is none. */
    public RankedItem named(String displayName) {
        return displayName == null ? this : new RankedItem(itemId, score, rank, displayName, attention);
    }

    /** This item with why it ranked where it did. */
    public RankedItem explained(String displayName, List<BehaviourWeight> weights) {
        return new RankedItem(itemId, score, rank, displayName, List.copyOf(weights));
    }
}

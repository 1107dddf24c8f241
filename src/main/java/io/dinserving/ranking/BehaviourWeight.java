package io.dinserving.ranking;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How much one past behaviour counted for a candidate's score.
 *
 * @param itemId the behaviour's item
 * @param name its display name from the bundle, or absent
 * @param weight the activation unit's weight for it (see the response's {@code attentionWeights})
 */
public record BehaviourWeight(
        String itemId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        float weight) {}

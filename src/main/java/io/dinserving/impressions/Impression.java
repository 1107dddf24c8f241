package io.dinserving.impressions;

import java.util.List;
import java.util.Map;

/**
 * One served ranking, as the model saw it.
 *
 * @param requestId the request's {@code X-Request-Id}
 * @param time when it was served, in epoch milliseconds; clicks after it count for it
 * @param modelVersion the version that ranked
 * @param userId the user, or null when the request named none
 * @param attention the names of an item's tokens: the item id first, then its attributes
 * @param history the behaviours scored, oldest first, each as its tokens
 * @param userFeatures the profile scored: strings or numbers by feature name
 * @param context the context sent: strings or numbers by feature name
 * @param items what was shown, best first
 */
public record Impression(
        String requestId,
        long time,
        String modelVersion,
        String userId,
        List<String> attention,
        List<List<String>> history,
        Map<String, Object> userFeatures,
        Map<String, Object> context,
        List<Shown> items) {

    /**
     * One shown item.
     *
     * @param itemId the item
     * @param tokens its tokens, as {@code attention} names them
     * @param score the model's score
     * @param rank 1 for the best
     */
    public record Shown(String itemId, List<String> tokens, double score, int rank) {}
}

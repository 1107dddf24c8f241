package io.dinserving.api;

import io.dinserving.ranking.RankedItem;
import java.util.List;

/**
 * The ranked candidates.
 *
 * @param modelVersion the version of the bundle that scored them
 * @param items best first, each with its score and 1-based rank
 * @param tookMs time spent on this request inside the service
 */
public record RecommendResponse(String modelVersion, List<RankedItem> items, double tookMs) {}

package io.dinserving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dinserving.ranking.RankedItem;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The ranked candidates.
 *
 * @param modelVersion the version of the bundle that scored them
 * @param items best first, each with its score and 1-based rank
 * @param tookMs time spent on this request inside the service
 * @param history where the history came from: the request, the user store or both
 * @param warnings request fields this API does not have, each with the closest one it has; absent
 *     when there are none
 * @param variant in explained responses, the model variant: {@code din}, {@code base} or {@code
 *     item-only}
 * @param attentionWeights in explained responses, what the behaviour weights are: {@code raw}
 *     (the activation unit's scores, weight normalisation {@code none}), {@code softmax} or {@code
 *     sigmoid} (normalised), {@code uniform} (the BaseModel's sum pooling: 1 each) or {@code none}
 *     (item-only: no history is used)
 */
@Schema(example = """
        {"modelVersion": "synthetic-din-v1",
         "items": [{"itemId": "i9", "score": 0.71, "rank": 1}, {"itemId": "i232", "score": 0.42, "rank": 2}],
         "tookMs": 3.1, "history": {"source": "request", "behaviours": 3}}""")
record RecommendResponse(
        String modelVersion,
        List<RankedItem> items,
        double tookMs,
        HistoryUsed history,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldWarnings.Warning> warnings,
        @JsonInclude(JsonInclude.Include.NON_NULL) String variant,
        @JsonInclude(JsonInclude.Include.NON_NULL) String attentionWeights) {

    /** A plain ranking, without explanation. */
    public RecommendResponse(
            String modelVersion,
            List<RankedItem> items,
            double tookMs,
            HistoryUsed history,
            List<FieldWarnings.Warning> warnings) {
        this(modelVersion, items, tookMs, history, warnings, null, null);
    }
}

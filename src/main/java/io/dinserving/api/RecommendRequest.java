package io.dinserving.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A ranking request.
 *
 * @param userId optional: keeps the user on one version of a canary, and names the user whose stored
 *     behaviours and profile are used when the request sends none
 * @param behaviors the user's recent behaviour, oldest first; may be left out for a user the store
 *     knows
 * @param candidates the items to rank
 * @param userFeatures the model's user-profile features by name, e.g. {@code {"gender": "F"}}; another name is
 *     refused
 * @param context the model's context features by name; a user feature here is refused, other names are
 *     ignored and named in the response's warnings
 * @param topK how many ranked items to return; default all
 * @param history where the history comes from: {@code request}, {@code store} or {@code merge};
 *     default {@code din.users.history}
 * @param explain also return, per ranked item, the weight each behaviour got and display names;
 *     scored apart from the batches and never cached
 * @param unknownFields fields this API does not have: accepted, and named in the response's warnings
 */
@Schema(
        requiredProperties = {"candidates"},
        example = """
        {"userId": "u42",
         "behaviors": [{"itemId": "i17", "category": "c3"}, "i230", "i231"],
         "candidates": ["i232", {"itemId": "i9", "category": "c0"}, "i400"],
         "topK": 2}""")
record RecommendRequest(
        String userId,
        List<ItemRef> behaviors,
        List<ItemRef> candidates,
        Map<String, Object> userFeatures,
        Map<String, Object> context,
        Integer topK,
        String history,
        Boolean explain,
        @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {}

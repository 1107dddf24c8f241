package io.dinserving.api;

import io.dinserving.feature.Item;
import io.dinserving.users.Behaviour;
import io.dinserving.users.HistoryMode;
import java.util.List;
import java.util.Map;

/**
 * A request that passed validation against the version serving it: each candidate id once, at its
 * first position. Validation leaves the user's history and profile as sent; {@link UserContext}
 * then adds what the store holds.
 *
 * @param request the request as sent; its profile and context values are valid for the version
 * @param ids the distinct candidate ids, in request order
 * @param candidates the distinct candidates, in the order of {@code ids}
 * @param sent the behaviours the request sent, oldest first, or null when it sent none
 * @param mode where the history comes from
 * @param behaviours the history scored, oldest first
 * @param userFeatures the profile scored
 * @param history where the history came from, for the response
 * @param topK how many ranked items to return, at most the number of ids
 * @param warnings the request's ignored fields, each with the closest known one, and what the store
 *     could not give
 */
record ValidRequest(
        RecommendRequest request,
        List<String> ids,
        List<Item> candidates,
        List<Behaviour> sent,
        HistoryMode mode,
        List<Item> behaviours,
        Map<String, ?> userFeatures,
        HistoryUsed history,
        int topK,
        List<FieldWarnings.Warning> warnings) {

    boolean explain() {
        return Boolean.TRUE.equals(request.explain());
    }

    /** This request with the history and profile to score, and what the store lookup had to say. */
    ValidRequest withUser(
            List<Item> history, Map<String, ?> profile, HistoryUsed used, List<FieldWarnings.Warning> more) {
        List<FieldWarnings.Warning> all = more.isEmpty()
                ? warnings
                : java.util.stream.Stream.concat(warnings.stream(), more.stream())
                        .toList();
        return new ValidRequest(request, ids, candidates, sent, mode, history, profile, used, topK, all);
    }
}

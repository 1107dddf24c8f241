package io.dinserving.api;

import io.dinserving.feature.Item;
import java.util.List;

/**
 * A request that passed validation against the version serving it, ready to encode: each candidate
 * id once, at its first position.
 *
 * @param request the request as sent; its profile and context values are valid for the version
 * @param ids the distinct candidate ids, in request order
 * @param candidates the distinct candidates, in the order of {@code ids}
 * @param behaviours the behaviours, oldest first
 * @param topK how many ranked items to return, at most the number of ids
 * @param warnings the request's ignored fields, each with the closest known one
 */
record ValidRequest(
        RecommendRequest request,
        List<String> ids,
        List<Item> candidates,
        List<Item> behaviours,
        int topK,
        List<FieldWarnings.Warning> warnings) {

    boolean explain() {
        return Boolean.TRUE.equals(request.explain());
    }
}

package io.dinserving.api;

import io.dinserving.feature.Item;
import java.util.List;
import java.util.Map;

/**
 * A request that passed validation against the version serving it: ready to encode, with each
 * candidate id once, at its first position.
 *
 * @param ids the distinct candidate ids, in request order
 * @param candidates the distinct candidates, in the order of {@code ids}
 * @param behaviours the behaviours, oldest first
 * @param topK how many ranked items to return, at most the number of ids
 * @param warnings the request's ignored fields, each with the closest known one
 */
record ValidRequest(
        List<String> ids,
        List<Item> candidates,
        List<Item> behaviours,
        Map<String, Object> userFeatures,
        Map<String, Object> context,
        int topK,
        boolean explain,
        List<FieldWarnings.Warning> warnings) {}

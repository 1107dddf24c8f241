package io.dinserving.api;

import io.dinserving.feature.ClosestName;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.InvalidFeatureException;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.serving.ScoringVersion;
import io.dinserving.users.Behaviour;
import io.dinserving.users.HistoryMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a request, once, against {@link ApiProperties} and the version that serves it, and turns it
 * into a {@link ValidRequest}. Written as code rather than annotations because the rules name list
 * positions ({@code candidates[3].itemId}) and depend on configured limits and the served features.
 */
final class RequestValidator {

    private final ApiProperties limits;
    private final HistoryMode defaultMode;

    /** @param defaultMode where the history comes from when a request does not say */
    RequestValidator(ApiProperties limits, HistoryMode defaultMode) {
        this.limits = limits;
        this.defaultMode = defaultMode;
    }

    /** @throws InvalidRequestException naming the first offending field */
    ValidRequest validate(RecommendRequest request, ScoringVersion version) {
        RequestEncoder encoder = version.encoder();
        FeatureSpec spec = encoder.spec();
        if (request.userId() != null && request.userId().length() > limits.maxIdLength()) {
            throw new InvalidRequestException("userId", "must be at most " + limits.maxIdLength() + " characters");
        }
        List<ItemRef> candidates = request.candidates();
        if (candidates == null || candidates.isEmpty()) {
            throw new InvalidRequestException("candidates", "at least one candidate is required");
        }
        if (candidates.size() > limits.maxCandidates()) {
            throw new InvalidRequestException(
                    "candidates",
                    candidates.size() + " candidates, at most " + limits.maxCandidates() + " are allowed");
        }
        HistoryMode mode = mode(request);
        List<ItemRef> behaviors = request.behaviors() == null ? List.of() : request.behaviors();
        if (behaviors.size() > limits.maxBehaviors()) {
            throw new InvalidRequestException(
                    "behaviors", behaviors.size() + " behaviours, at most " + limits.maxBehaviors() + " are allowed");
        }
        Set<String> attributes = Set.copyOf(spec.attributeNames());
        List<Item> candidateItems = items("candidates", candidates, attributes);
        List<Item> behaviourItems = items("behaviors", behaviors, attributes);
        List<Behaviour> sent = request.behaviors() == null ? null : behaviours(behaviors, behaviourItems);
        if (request.topK() != null && request.topK() < 1) {
            throw new InvalidRequestException("topK", "must be at least 1");
        }
        checkFeatures(encoder, request);
        if (Boolean.TRUE.equals(request.explain()) && !version.canExplain()) {
            throw new InvalidRequestException(
                    "explain",
                    "version " + version.version() + " is an imported TorchScript model, which cannot show its "
                            + "attention weights; ask without explain");
        }
        Map<String, Item> distinct = new LinkedHashMap<>();
        candidateItems.forEach(item -> distinct.putIfAbsent(item.id(), item)); // scored once, at its first position
        List<String> ids = new ArrayList<>(distinct.keySet());
        int topK = request.topK() == null ? ids.size() : Math.min(request.topK(), ids.size());
        return new ValidRequest(
                request,
                ids,
                List.copyOf(distinct.values()),
                sent,
                mode,
                behaviourItems,
                request.userFeatures(),
                null,
                topK,
                FieldWarnings.of(request, spec.featureNames(FeatureSpec.Source.CONTEXT)));
    }

    private HistoryMode mode(RecommendRequest request) {
        HistoryMode mode;
        try {
            mode = request.history() == null ? defaultMode : HistoryMode.of(request.history());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("history", e.getMessage());
        }
        if (mode == HistoryMode.STORE && request.userId() == null) {
            throw new InvalidRequestException("userId", "is required with \"history\": \"store\"");
        }
        return mode;
    }

    /** The sent behaviours with their event ids and times, which a merge with the store needs. */
    private static List<Behaviour> behaviours(List<ItemRef> refs, List<Item> items) {
        List<Behaviour> behaviours = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            ItemRef ref = refs.get(i);
            behaviours.add(new Behaviour(
                    ref.eventId(),
                    ref.itemId(),
                    ref.timestamp(),
                    null,
                    items.get(i).attributes()));
        }
        return behaviours;
    }

    private List<Item> items(String field, List<ItemRef> refs, Set<String> attributes) {
        List<Item> items = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            ItemRef ref = refs.get(i);
            String at = field + "[" + i + "]";
            if (ref == null) {
                throw new InvalidRequestException(at, "must not be null");
            }
            if (ref.itemId() == null || ref.itemId().isBlank()) {
                throw new InvalidRequestException(at + ".itemId", "must not be blank");
            }
            if (ref.eventId() != null && ref.eventId().length() > limits.maxIdLength()) {
                throw new InvalidRequestException(
                        at + ".eventId", "must be at most " + limits.maxIdLength() + " characters");
            }
            if (ref.itemId().length() > limits.maxIdLength()) {
                throw new InvalidRequestException(
                        at + ".itemId", "must be at most " + limits.maxIdLength() + " characters");
            }
            Map<String, String> values = new HashMap<>();
            for (Map.Entry<String, Object> attribute : ref.attributes().entrySet()) {
                String name = attribute.getKey();
                values.put(name, attributeValue(at + "." + name, attribute.getValue()));
                if (!attributes.contains(name)) {
                    throw unknownAttribute(at + "." + name, name, attributes);
                }
            }
            items.add(values.isEmpty() ? Item.of(ref.itemId()) : new Item(ref.itemId(), values));
        }
        return items;
    }

    private String attributeValue(String at, Object value) {
        if (value != null && !(value instanceof String)) {
            throw new InvalidRequestException(
                    at,
                    "item attributes are strings"
                            + (value instanceof Number || value instanceof Boolean ? "; send \"" + value + "\"" : ""));
        }
        if (value != null && ((String) value).length() > limits.maxIdLength()) {
            throw new InvalidRequestException(at, "must be at most " + limits.maxIdLength() + " characters");
        }
        return (String) value;
    }

    private static InvalidRequestException unknownAttribute(String at, String name, Set<String> attributes) {
        List<String> itemFields = new ArrayList<>(List.of("itemId", "eventId", "timestamp"));
        itemFields.addAll(new TreeSet<>(attributes));
        String closest = ClosestName.of(name, itemFields);
        String known =
                attributes.isEmpty() ? "no attributes, only an itemId" : "the attributes " + new TreeSet<>(attributes);
        return new InvalidRequestException(
                at,
                "unknown item attribute '" + name + "'"
                        + (closest != null
                                ? "; did you mean '" + closest + "'? This model's items have "
                                : "; this model's items have ")
                        + known);
    }

    private static void checkFeatures(RequestEncoder encoder, RecommendRequest request) {
        try {
            encoder.check(request.userFeatures(), request.context());
        } catch (InvalidFeatureException e) {
            String object = e.source() == FeatureSpec.Source.USER ? "userFeatures." : "context.";
            throw new InvalidRequestException(object + e.feature(), e.getMessage());
        }
    }
}

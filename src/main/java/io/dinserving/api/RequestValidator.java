package io.dinserving.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request against {@link ApiProperties}. Written as code rather than annotations because
 * the rules name list positions ({@code candidates[3].itemId}) and depend on configured limits.
 */
final class RequestValidator {

    private final ApiProperties limits;

    RequestValidator(ApiProperties limits) {
        this.limits = limits;
    }

    /** @throws InvalidRequestException naming the first offending field */
    void validate(RecommendRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a JSON body is required");
        }
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
        checkItems("candidates", candidates);
        List<ItemRef> behaviors = request.behaviors();
        if (behaviors != null) {
            if (behaviors.size() > limits.maxBehaviors()) {
                throw new InvalidRequestException(
                        "behaviors",
                        behaviors.size() + " behaviours, at most " + limits.maxBehaviors() + " are allowed");
            }
            checkItems("behaviors", behaviors);
        }
        if (request.topK() != null && request.topK() < 1) {
            throw new InvalidRequestException("topK", "must be at least 1");
        }
    }

    private void checkItems(String field, List<ItemRef> items) {
        for (int i = 0; i < items.size(); i++) {
            ItemRef item = items.get(i);
            String at = field + "[" + i + "]";
            if (item == null) {
                throw new InvalidRequestException(at, "must not be null");
            }
            if (item.itemId() == null || item.itemId().isBlank()) {
                throw new InvalidRequestException(at + ".itemId", "must not be blank");
            }
            if (item.itemId().length() > limits.maxIdLength()) {
                throw new InvalidRequestException(
                        at + ".itemId", "must be at most " + limits.maxIdLength() + " characters");
            }
            for (Map.Entry<String, Object> attribute : item.attributes().entrySet()) {
                checkAttributeValue(at + "." + attribute.getKey(), attribute.getValue());
            }
        }
    }

    /**
     * Checks the items' attribute names against those of the version that serves the request.
     *
     * @throws InvalidRequestException naming the first unknown attribute and the closest known one
     */
    void validateAttributes(RecommendRequest request, List<String> attributeNames) {
        Set<String> attributes = Set.copyOf(attributeNames);
        List<String> itemFields = new ArrayList<>(List.of("itemId", "timestamp"));
        itemFields.addAll(attributeNames);
        for (String field : List.of("behaviors", "candidates")) {
            List<ItemRef> items = field.equals("behaviors") ? request.behaviors() : request.candidates();
            for (int i = 0; items != null && i < items.size(); i++) {
                for (String name : items.get(i).attributes().keySet()) {
                    if (!attributes.contains(name)) {
                        throw unknownAttribute(field + "[" + i + "]." + name, name, attributes, itemFields);
                    }
                }
            }
        }
    }

    private static InvalidRequestException unknownAttribute(
            String at, String name, Set<String> attributes, List<String> itemFields) {
        String closest = FieldWarnings.closest(name, itemFields);
        String known = attributes.isEmpty()
                ? "no attributes, only an itemId"
                : "the attributes " + new java.util.TreeSet<>(attributes);
        return new InvalidRequestException(
                at,
                "unknown item attribute '" + name + "'"
                        + (closest != null
                                ? "; did you mean '" + closest + "'? This model's items have "
                                : "; this model's items have ")
                        + known);
    }

    private void checkAttributeValue(String at, Object value) {
        if (value != null && !(value instanceof String)) {
            throw new InvalidRequestException(
                    at,
                    "item attributes are strings"
                            + (value instanceof Number || value instanceof Boolean ? "; send \"" + value + "\"" : ""));
        }
        if (value != null && ((String) value).length() > limits.maxIdLength()) {
            throw new InvalidRequestException(at, "must be at most " + limits.maxIdLength() + " characters");
        }
    }
}

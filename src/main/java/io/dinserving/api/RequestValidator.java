package io.dinserving.api;

import java.util.List;

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
            throw new InvalidRequestException("candidates",
                    candidates.size() + " candidates, at most " + limits.maxCandidates() + " are allowed");
        }
        checkItems("candidates", candidates);
        List<ItemRef> behaviors = request.behaviors();
        if (behaviors != null) {
            if (behaviors.size() > limits.maxBehaviors()) {
                throw new InvalidRequestException("behaviors",
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
                throw new InvalidRequestException(at + ".itemId", "must be at most " + limits.maxIdLength() + " characters");
            }
            if (item.category() != null && item.category().length() > limits.maxIdLength()) {
                throw new InvalidRequestException(at + ".category", "must be at most " + limits.maxIdLength() + " characters");
            }
        }
    }
}

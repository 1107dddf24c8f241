package io.dinserving.feature;

import java.util.List;

/**
 * One storefront request after encoding: the user's context once, and its candidates.
 *
 * @param context the encoded history and profile
 * @param candidates the encoded candidates, in request order
 */
public record EncodedRequest(EncodedContext context, List<EncodedCandidate> candidates) {

    public EncodedRequest {
        candidates = List.copyOf(candidates);
    }

    /** Candidate rows this request adds to a batch. */
    public int rows() {
        return candidates.size();
    }
}

package io.dinserving.model;

import io.dinserving.batching.DynamicBatcher;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.RequestEncoder;

/** What a request needs of the version that serves it. */
public interface ScoringModel {

    /** The version responses name and meters are tagged with. */
    String version();

    /** Encodes requests with this version's fitted features. */
    RequestEncoder encoder();

    /** Tells apart two loads of a bundle under one version, so cached results never cross them. */
    default String identity() {
        return version();
    }

    /** The architecture: which variant, and how attention weights are normalised. */
    ModelConfig architecture();

    /**
     * Scores one request on the calling thread, with the behaviour weights behind each score; the
     * batched path does none of this work.
     */
    CompiledDin.Explanation explain(EncodedRequest request);

    /** An item's display name from the bundle, or null. */
    default String itemName(String itemId) {
        return null;
    }

    /** This version's scoring workers. */
    DynamicBatcher<EncodedRequest, float[]> batcher();
}

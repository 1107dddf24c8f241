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

    /** This version's scoring workers. */
    DynamicBatcher<EncodedRequest, float[]> batcher();
}

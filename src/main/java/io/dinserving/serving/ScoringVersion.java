package io.dinserving.serving;

import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.ModelConfig;

/** What a request needs of the version that serves it. */
public interface ScoringVersion {

    /** The version responses name and meters are tagged with. */
    String version();

    /** Tells apart two loads of a bundle under one version, so cached results never cross them. */
    default String identity() {
        return version();
    }

    /** Encodes requests with this version's fitted features. */
    RequestEncoder encoder();

    /** The architecture: which variant, and how attention weights are normalised; null when imported. */
    ModelConfig architecture();

    /** Whether {@link #explain} can show attention weights: an imported module cannot. */
    default boolean canExplain() {
        return architecture() != null;
    }

    /** Scores requests, batched with other requests, before their deadline. */
    Scorer scorer();

    /**
     * Scores one request on the calling thread, with the behaviour weights behind each score; the
     * batched path does none of this work.
     */
    CompiledDin.Explanation explain(EncodedRequest request);

    /** An item's display name from the bundle, or null. */
    default String itemName(String itemId) {
        return null;
    }
}

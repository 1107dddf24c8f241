package io.dinserving.serving;

import io.dinserving.batching.BatchListener;
import java.util.function.Supplier;

/**
 * Observes the served versions: their loads, their scoring and their retirement, e.g. to keep
 * version-tagged meters. Called on loader and scoring threads.
 */
public interface ServingListener {

    /** A load attempt ended; {@code reason} is null on success. */
    default void loaded(String version, boolean success, String reason) {}

    /** The publishing gate judged a candidate version. */
    default void gated(String version, GateVerdict verdict) {}

    /** The version started serving on a device; {@code queueDepth} is its scoring queue. */
    default void serving(String version, String device, Supplier<Number> queueDepth) {}

    /** A request's scores held a NaN or an infinity, and it was answered with a 500. */
    default void nonFiniteScores(String version) {}

    /** The version stopped serving and was closed. */
    default void retired(String version) {}

    /** What observes the version's forward passes. */
    default PassListener passes(String version) {
        return PassListener.none();
    }

    /** What observes the version's batches. */
    default BatchListener batches(String version) {
        return BatchListener.none();
    }

    /** Listens to nothing. */
    static ServingListener none() {
        return new ServingListener() {};
    }
}

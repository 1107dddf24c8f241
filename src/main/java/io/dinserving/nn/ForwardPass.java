package io.dinserving.nn;

import io.dinserving.feature.EncodedBatch;

/**
 * A loaded bundle's inference: a DIN trained here, compiled ({@link CompiledDin}), or a TorchScript
 * module trained elsewhere (in the bundle package). Thread-safe; each call runs in its own
 * sub-manager and frees what it made.
 */
public interface ForwardPass extends AutoCloseable {

    /** Click probabilities, one per candidate row of the batch. */
    float[] score(EncodedBatch batch);

    /**
     * Scores with the behaviour weights behind them.
     *
     * @param historyLengths each request's number of behaviours, in batch order
     * @throws UnsupportedOperationException for a model that cannot show its weights
     */
    CompiledDin.Explanation explain(EncodedBatch batch, int[] historyLengths);

    @Override
    void close();
}

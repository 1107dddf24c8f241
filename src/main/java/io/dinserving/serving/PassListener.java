package io.dinserving.serving;

/** Observes forward passes as they run, e.g. to record metrics. Called on scoring threads. */
@FunctionalInterface
public interface PassListener {

    /**
     * A forward pass finished.
     *
     * @param rows candidate rows scored in the pass
     * @param nanos time the pass took, input layout and score copy included
     */
    void pass(int rows, long nanos);

    /** Listens to nothing. */
    static PassListener none() {
        return (rows, nanos) -> {};
    }
}

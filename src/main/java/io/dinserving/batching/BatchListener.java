package io.dinserving.batching;

/** Observes batches as they run, e.g. to record metrics. Called on worker threads. */
public interface BatchListener {

    /**
     * A batch was processed.
     *
     * @param items items in the batch
     * @param rows rows in the batch
     * @param processNanos time spent in the processor
     */
    default void batch(int items, int rows, long processNanos) {}

    /** An item waited this long between submission and the start of its batch. */
    default void queueWait(long nanos) {}

    /** An item was refused because the queue was full. Called on the submitting thread. */
    default void rejected() {}

    /** Listens to nothing. */
    static BatchListener none() {
        return new BatchListener() {};
    }
}

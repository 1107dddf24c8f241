package io.dinserving.batching;

/** The batcher's queue is full: the caller should retry later. */
public class QueueFullException extends RuntimeException {

    public QueueFullException(int capacity) {
        super("the scoring queue is full (" + capacity + " requests waiting)");
    }
}

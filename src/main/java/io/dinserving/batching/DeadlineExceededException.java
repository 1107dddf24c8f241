package io.dinserving.batching;

/** An item's deadline passed before a worker could start it; it was never processed. */
public class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException() {
        super("the request's deadline passed while it waited to be scored");
    }
}

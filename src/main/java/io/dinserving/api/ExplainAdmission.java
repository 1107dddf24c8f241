package io.dinserving.api;

import io.dinserving.serving.OverloadedException;
import io.dinserving.serving.ScoringTimeoutException;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Admission for explained requests, which are scored on the request's own thread, off the batches:
 * at most as many at once as there are scoring workers and half the server's threads, a request
 * beyond that refused at once with 503 as a full queue refuses, and one answered after its deadline
 * turned into the 504 every other late request gets. Without it, a few large explained requests
 * take every core from the batches, or every thread from the requests that only wait for scores.
 */
final class ExplainAdmission {

    private final Semaphore slots;
    private final int capacity;
    private final LongSupplier nanoClock;

    /** Slots for a server of {@code workers} scoring workers and {@code serverThreads} request threads. */
    static ExplainAdmission forServer(int workers, int serverThreads, LongSupplier nanoClock) {
        return new ExplainAdmission(Math.max(1, Math.min(workers, serverThreads / 2)), nanoClock);
    }

    ExplainAdmission(int capacity, LongSupplier nanoClock) {
        this.slots = new Semaphore(capacity);
        this.capacity = capacity;
        this.nanoClock = nanoClock;
    }

    /** How many explained requests may be scored at once. */
    int capacity() {
        return capacity;
    }

    /**
     * Runs an explanation if a slot is free.
     *
     * @param deadlineNanos on {@code nanoClock}
     * @throws OverloadedException when every slot is taken
     * @throws ScoringTimeoutException when the explanation finished after the deadline
     */
    <T> T run(Supplier<T> explanation, long deadlineNanos) {
        if (!slots.tryAcquire()) {
            throw new OverloadedException(
                    capacity + " explained requests are being scored, the most at once; retry, or ask without explain");
        }
        T result;
        try {
            result = explanation.get();
        } finally {
            slots.release();
        }
        if (nanoClock.getAsLong() > deadlineNanos) {
            throw new ScoringTimeoutException("the explained ranking did not finish within the request's deadline");
        }
        return result;
    }
}

package io.dinserving.serving;

import io.dinserving.feature.EncodedRequest;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Scores encoded requests for one version. */
@FunctionalInterface
public interface Scorer {

    /**
     * Scores a request before its deadline.
     *
     * @param deadlineNanos on {@link System#nanoTime()}'s clock
     * @return one click probability per candidate, in request order; completes by the deadline, or
     *     exceptionally with {@link ScoringTimeoutException}
     * @throws OverloadedException at once when the version cannot take more work
     */
    CompletableFuture<float[]> score(EncodedRequest request, long deadlineNanos);

    /**
     * Scores a request and waits for the scores.
     *
     * @throws ScoringTimeoutException when the deadline passes first
     * @throws OverloadedException when the version cannot take more work
     * @throws IllegalStateException when scoring failed
     */
    default float[] scoreWithin(EncodedRequest request, long deadlineNanos) {
        try {
            return score(request, deadlineNanos).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("scoring failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new ScoringTimeoutException("scoring was cancelled");
        }
    }
}

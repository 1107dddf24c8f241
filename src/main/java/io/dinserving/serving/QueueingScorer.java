package io.dinserving.serving;

import io.dinserving.batching.DeadlineExceededException;
import io.dinserving.batching.DynamicBatcher;
import io.dinserving.batching.QueueFullException;
import io.dinserving.feature.DistinctCandidates;
import io.dinserving.feature.EncodedRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scores through a version's dynamic batcher, where requests queue to share forward passes.
 * Candidates that encode alike are scored once and share the score, so ties are exact; the
 * batcher's refusals and missed deadlines become the exceptions {@link Scorer} promises, and a
 * caller never waits past its deadline.
 */
final class QueueingScorer implements Scorer {

    private final DynamicBatcher<EncodedRequest, float[]> batcher;
    private final Runnable onNonFiniteScores;

    QueueingScorer(DynamicBatcher<EncodedRequest, float[]> batcher) {
        this(batcher, () -> {});
    }

    /** @param onNonFiniteScores told of every request whose scores held a NaN or an infinity */
    QueueingScorer(DynamicBatcher<EncodedRequest, float[]> batcher, Runnable onNonFiniteScores) {
        this.batcher = batcher;
        this.onNonFiniteScores = onNonFiniteScores;
    }

    @Override
    public CompletableFuture<float[]> score(EncodedRequest request, long deadlineNanos) {
        DistinctCandidates distinct = DistinctCandidates.of(request);
        CompletableFuture<float[]> scored;
        try {
            scored = batcher.submit(distinct.request(), deadlineNanos);
        } catch (QueueFullException e) {
            throw new OverloadedException(e.getMessage());
        }
        long left = Math.max(0, deadlineNanos - System.nanoTime());
        return scored.orTimeout(left, TimeUnit.NANOSECONDS).handle((scores, failure) -> {
            if (failure == null) {
                for (float score : scores) {
                    if (!Float.isFinite(score)) {
                        onNonFiniteScores.run();
                        throw new NonFiniteScoreException();
                    }
                }
                return distinct.expand(scores);
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            // A timed-out future is done, so a batch that has not started yet skips it.
            if (cause instanceof TimeoutException || cause instanceof DeadlineExceededException) {
                throw new ScoringTimeoutException("scores did not arrive within the request's deadline");
            }
            throw new IllegalStateException("scoring failed: " + cause.getMessage(), cause);
        });
    }
}

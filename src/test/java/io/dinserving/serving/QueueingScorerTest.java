package io.dinserving.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinserving.batching.BatchListener;
import io.dinserving.batching.DynamicBatcher;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.feature.EncodedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * What the API relies on of a version's scorer, against a real batcher with one worker and a queue
 * of one: candidates that encode alike are scored once, a full queue is an immediate 503 with
 * Retry-After, and nobody waits past the deadline.
 */
class QueueingScorerTest {

    /** Holds the only worker while a request for item 99 is scored. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** Counted down once the worker holds a request for item 99. */
    private final CountDownLatch holding = new CountDownLatch(1);

    private final AtomicInteger rowsScored = new AtomicInteger();
    private final DynamicBatcher<EncodedRequest, float[]> batcher = new DynamicBatcher<>(
            64,
            Duration.ZERO,
            1,
            1,
            EncodedRequest::rows,
            () -> this::score,
            System::nanoTime,
            BatchListener.none(),
            "test-scorer");
    private final AtomicInteger nonFinite = new AtomicInteger();
    private final Scorer scorer = new QueueingScorer(batcher, nonFinite::incrementAndGet);

    @AfterEach
    void stop() {
        release.countDown();
        batcher.close();
    }

    /** Scores item {@code k} as {@code k / 100}. */
    private List<float[]> score(List<EncodedRequest> batch) throws InterruptedException {
        List<float[]> out = new ArrayList<>();
        for (EncodedRequest request : batch) {
            float[] scores = new float[request.rows()];
            for (int i = 0; i < scores.length; i++) {
                int id = request.candidates().get(i).ids()[0];
                if (id == 99) {
                    holding.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
                scores[i] = id == 13 ? Float.NaN : id / 100f;
            }
            rowsScored.addAndGet(scores.length);
            out.add(scores);
        }
        return out;
    }

    private static EncodedRequest request(int... itemIds) {
        List<EncodedCandidate> candidates = new ArrayList<>();
        for (int id : itemIds) {
            candidates.add(new EncodedCandidate(new int[] {id}));
        }
        return new EncodedRequest(new EncodedContext(new int[0], 0, new int[0], new float[0]), candidates);
    }

    private static long in(Duration duration) {
        return System.nanoTime() + duration.toNanos();
    }

    @Test
    void candidatesThatEncodeAlikeAreScoredOnceAndShareTheScore() {
        float[] scores = scorer.scoreWithin(request(7, 3, 7, 7), in(Duration.ofSeconds(5)));

        assertThat(scores).containsExactly(0.07f, 0.03f, 0.07f, 0.07f);
        assertThat(rowsScored).hasValue(2);
    }

    @Test
    void aFullQueueIsAnImmediate503WithRetryAfter() throws Exception {
        CompletableFuture<float[]> holdsTheWorker = scorer.score(request(99), in(Duration.ofSeconds(10)));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<float[]> waits = scorer.score(request(1), in(Duration.ofSeconds(10)));
        OverloadedException refused = null;
        try {
            scorer.score(request(2), in(Duration.ofSeconds(10)));
        } catch (OverloadedException e) {
            refused = e;
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getBody().getDetail()).contains("queue is full");
        release.countDown();
        assertThat(holdsTheWorker.get(5, TimeUnit.SECONDS)).containsExactly(0.99f);
        assertThat(waits.get(5, TimeUnit.SECONDS)).containsExactly(0.01f);
    }

    /** A NaN from the model never reaches a client as a score: a 500 naming no internals, counted. */
    @Test
    void aNonFiniteScoreIsA500ThatIsCounted() {
        assertThatThrownBy(() -> scorer.scoreWithin(request(2, 13), in(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(NonFiniteScoreException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(500);
                    assertThat(e.getBody().getDetail()).doesNotContain("NaN", "io.dinserving");
                });
        assertThat(nonFinite).hasValue(1);
        assertThat(scorer.scoreWithin(request(2), in(Duration.ofSeconds(5)))).containsExactly(0.02f);
    }

    @Test
    void aMissedDeadlineIsA504AtTheDeadline() throws Exception {
        scorer.score(request(99), in(Duration.ofSeconds(10)));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> scorer.scoreWithin(request(2), in(Duration.ofMillis(100))))
                .isInstanceOfSatisfying(
                        ScoringTimeoutException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(504));
    }

    @Test
    void scoreWithinRethrowsTheScorersOwnFailure() {
        Scorer failing = (request, deadline) -> CompletableFuture.failedFuture(new IllegalStateException("boom"));

        assertThatThrownBy(() -> failing.scoreWithin(request(1), in(Duration.ofSeconds(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
    }
}

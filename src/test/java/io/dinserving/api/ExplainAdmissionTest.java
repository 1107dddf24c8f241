package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinserving.serving.OverloadedException;
import io.dinserving.serving.ScoringTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Explained requests pass the same admission limit and deadline as every other request. */
class ExplainAdmissionTest {

    private final AtomicLong clock = new AtomicLong();
    private final ExplainAdmission admission = new ExplainAdmission(1, clock::get);

    @Test
    void beyondItsSlotsAnExplainedRequestIsRefusedAtOnceWithA503() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> admission.run(
                () -> {
                    running.countDown();
                    await(release);
                    return "first";
                },
                Long.MAX_VALUE));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> admission.run(() -> "second", Long.MAX_VALUE))
                .isInstanceOfSatisfying(
                        OverloadedException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(503));

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(admission.run(() -> "third", Long.MAX_VALUE)).isEqualTo("third");
    }

    @Test
    void anExplanationFinishedPastTheDeadlineIsA504() {
        assertThatThrownBy(() -> admission.run(
                        () -> {
                            clock.addAndGet(TimeUnit.SECONDS.toNanos(3));
                            return "late";
                        },
                        TimeUnit.SECONDS.toNanos(2)))
                .isInstanceOfSatisfying(
                        ScoringTimeoutException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(504));
        assertThat(admission.run(() -> "on time", clock.get() + 1)).isEqualTo("on time");
    }

    /** Explanations hold a server thread each, so at most half of them explain at once. */
    @Test
    void explanationsTakeAtMostAsManySlotsAsWorkersAndHalfTheServerThreads() {
        assertThat(ExplainAdmission.forServer(2, 8, clock::get).capacity()).isEqualTo(2);
        assertThat(ExplainAdmission.forServer(16, 8, clock::get).capacity()).isEqualTo(4);
        assertThat(ExplainAdmission.forServer(16, 1, clock::get).capacity()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

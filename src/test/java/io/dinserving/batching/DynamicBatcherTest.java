package io.dinserving.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the batcher with a fake clock. A processor that holds its first batch on a latch lets
 * items pile up deterministically, so no test sleeps.
 */
class DynamicBatcherTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    private DynamicBatcher<String, String> batcher;

    private DynamicBatcher<String, String> start(int maxRows, Duration maxDelay, int capacity) {
        batcher = new DynamicBatcher<>(
                maxRows,
                maxDelay,
                capacity,
                1,
                item -> item.startsWith("big") ? 3 : 1,
                () -> batch -> {
                    batches.add(List.copyOf(batch));
                    if (batches.size() == 1) {
                        firstBatchStarted.countDown();
                        releaseFirstBatch.await();
                    }
                    if (batch.contains("boom")) {
                        throw new IllegalStateException("processor failed");
                    }
                    return batch.stream().map(String::toUpperCase).toList();
                },
                clock::get,
                BatchListener.none(),
                "test");
        return batcher;
    }

    private long farDeadline() {
        return clock.get() + TimeUnit.HOURS.toNanos(1);
    }

    /** Starts a first batch and holds it, so that later submissions queue up. */
    private CompletableFuture<String> holdWorker() throws InterruptedException {
        CompletableFuture<String> first = batcher.submit("first", farDeadline());
        assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    @AfterEach
    void close() {
        releaseFirstBatch.countDown();
        if (batcher != null) {
            batcher.close();
        }
    }

    /**
     * An OutOfMemoryError outside the processor (here from the listener, as an allocation in the
     * worker's own loop would throw it) fails that batch and leaves the worker serving.
     */
    @Test
    void anErrorInTheWorkersLoopFailsItsBatchButNotTheWorker() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean thrown = new java.util.concurrent.atomic.AtomicBoolean();
        batcher = new DynamicBatcher<>(
                10,
                Duration.ZERO,
                10,
                1,
                item -> 1,
                () -> batch -> batch.stream().map(String::toUpperCase).toList(),
                System::nanoTime,
                new BatchListener() {
                    @Override
                    public void queueWait(long nanos) {
                        if (thrown.compareAndSet(false, true)) {
                            throw new OutOfMemoryError("simulated: Java heap space");
                        }
                    }
                },
                "test");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);

        CompletableFuture<String> unlucky = batcher.submit("a", deadline);
        assertThatThrownBy(() -> unlucky.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(OutOfMemoryError.class);

        assertThat(batcher.submit("b", deadline).get(10, TimeUnit.SECONDS)).isEqualTo("B");
        assertThat(batcher.allWorkersAlive()).isTrue();
        batcher.close();
        assertThat(batcher.allWorkersAlive()).isFalse();
    }

    @Test
    void queuedItemsShareOneBatchAndEachGetsItsOwnResult() throws Exception {
        start(100, Duration.ZERO, 10);
        holdWorker();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (String item : List.of("a", "b", "c")) {
            futures.add(batcher.submit(item, farDeadline()));
        }
        releaseFirstBatch.countDown();
        assertThat(futures.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("C");
        assertThat(futures).extracting(CompletableFuture::join).containsExactly("A", "B", "C");
        assertThat(batches).containsExactly(List.of("first"), List.of("a", "b", "c"));
    }

    /**
     * The fake clock never moves, so a batcher that waited out {@code max-delay} for company would
     * wait the full hour in real time and the latch would time out.
     */
    @Test
    void aLoneRequestOnAnIdleBatcherStartsAtOnceWhateverTheMaxDelay() throws Exception {
        List<Long> waits = new CopyOnWriteArrayList<>();
        CountDownLatch ran = new CountDownLatch(1);
        batcher = new DynamicBatcher<>(
                100,
                Duration.ofHours(1),
                10,
                1,
                item -> 1,
                () -> batch -> {
                    ran.countDown();
                    return batch;
                },
                clock::get,
                new BatchListener() {
                    @Override
                    public void queueWait(long nanos) {
                        waits.add(nanos);
                    }
                },
                "idle");
        CompletableFuture<String> lone = batcher.submit("lone", farDeadline());
        assertThat(ran.await(10, TimeUnit.SECONDS))
                .as("the pass started without waiting for max-delay")
                .isTrue();
        assertThat(lone.get(10, TimeUnit.SECONDS)).isEqualTo("lone");
        assertThat(waits).singleElement().satisfies(w -> assertThat(w).isLessThanOrEqualTo(200_000L));
    }

    @Test
    void aBatchStopsAtMaxRowsAndTheOverflowStartsTheNext() throws Exception {
        start(4, Duration.ZERO, 10);
        holdWorker();
        CompletableFuture<String> a = batcher.submit("a", farDeadline());
        CompletableFuture<String> big = batcher.submit("big1", farDeadline()); // 3 rows: 1 + 3 = 4 fits
        CompletableFuture<String> c = batcher.submit("c", farDeadline()); // would make 5
        releaseFirstBatch.countDown();
        c.get(10, TimeUnit.SECONDS);
        assertThat(a.join()).isEqualTo("A");
        assertThat(big.join()).isEqualTo("BIG1");
        assertThat(batches).containsExactly(List.of("first"), List.of("a", "big1"), List.of("c"));
    }

    @Test
    void oneRowPerBatchTurnsBatchingOff() throws Exception {
        start(1, Duration.ofSeconds(5), 10);
        holdWorker();
        CompletableFuture<String> a = batcher.submit("a", farDeadline());
        CompletableFuture<String> b = batcher.submit("b", farDeadline());
        releaseFirstBatch.countDown();
        b.get(10, TimeUnit.SECONDS);
        assertThat(a.join()).isEqualTo("A");
        assertThat(batches).containsExactly(List.of("first"), List.of("a"), List.of("b"));
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        start(100, Duration.ZERO, 2);
        holdWorker();
        batcher.submit("a", farDeadline());
        assertThat(batcher.isFull()).isFalse();
        batcher.submit("b", farDeadline());
        assertThat(batcher.queueDepth()).isEqualTo(2);
        assertThat(batcher.isFull()).isTrue();
        assertThatThrownBy(() -> batcher.submit("c", farDeadline()))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("2 requests waiting");
    }

    @Test
    void anItemPastItsDeadlineFailsWithoutBeingProcessed() throws Exception {
        start(100, Duration.ZERO, 10);
        holdWorker();
        CompletableFuture<String> late = batcher.submit("late", clock.get() + 1_000);
        CompletableFuture<String> onTime = batcher.submit("ontime", farDeadline());
        clock.addAndGet(2_000);
        releaseFirstBatch.countDown();
        assertThat(onTime.get(10, TimeUnit.SECONDS)).isEqualTo("ONTIME");
        assertThatThrownBy(late::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DeadlineExceededException.class);
        assertThat(batches).containsExactly(List.of("first"), List.of("ontime"));
    }

    @Test
    void aCancelledItemIsDropped() throws Exception {
        start(100, Duration.ZERO, 10);
        holdWorker();
        batcher.submit("gone", farDeadline()).cancel(false);
        CompletableFuture<String> kept = batcher.submit("kept", farDeadline());
        releaseFirstBatch.countDown();
        kept.get(10, TimeUnit.SECONDS);
        assertThat(batches).containsExactly(List.of("first"), List.of("kept"));
    }

    @Test
    void aProcessorFailureFailsEveryItemOfItsBatch() throws Exception {
        start(100, Duration.ZERO, 10);
        holdWorker();
        CompletableFuture<String> a = batcher.submit("a", farDeadline());
        CompletableFuture<String> boom = batcher.submit("boom", farDeadline());
        releaseFirstBatch.countDown();
        assertThatThrownBy(() -> boom.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("processor failed");
        assertThatThrownBy(a::get).hasRootCauseMessage("processor failed");
    }

    @Test
    void closingFailsWaitingItemsInsteadOfLosingThem() throws Exception {
        start(100, Duration.ZERO, 10);
        CompletableFuture<String> first = holdWorker();
        CompletableFuture<String> waiting = batcher.submit("waiting", farDeadline());
        releaseFirstBatch.countDown();
        batcher.close();
        assertThat(first.join()).isEqualTo("FIRST");
        assertThat(waiting).isDone();
    }
}

package io.dinserving.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Coalesces concurrently submitted items into batches for worker threads.
 *
 * <p>An item submitted while a worker is idle starts at once, with whatever else is already queued:
 * batching never adds latency to a quiet service. Batches form from what queues up while every
 * worker is busy: a worker takes the oldest item and the items queued behind it, and, when that
 * oldest item arrived to find every worker busy, may keep adding items while the batch has fewer
 * than {@code maxBatchRows} rows and the oldest item has waited less than {@code maxDelay}. So
 * {@code maxDelay} bounds how long an item can be held back for others; it is never a floor. An item
 * that would overflow the batch starts the worker's next one. An item whose deadline has passed when its
 * batch starts is failed with {@link DeadlineExceededException}, and a cancelled one is dropped, so
 * no work is spent on callers that have gone. The queue is bounded; a full queue refuses at once.
 *
 * <p>Each worker thread owns one {@link BatchProcessor}, created on that thread.
 *
 * @param <I> an item
 * @param <O> its result
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int maxBatchRows;
    private final long maxDelayNanos;
    private final int queueCapacity;
    private final ToIntFunction<I> rowsOf;
    private final LongSupplier nanoClock;
    private final BatchListener listener;
    private final BlockingQueue<Pending<I, O>> queue;
    private final List<Thread> workers = new ArrayList<>();
    private final CountDownLatch started;
    /** Workers not running a batch: a hint, read at submission, of whether an item will wait. */
    private final AtomicInteger idleWorkers;
    /** Workers whose loop is running; fewer than started means one died, which a health check must see. */
    private final AtomicInteger liveWorkers = new AtomicInteger();

    private final int workerCount;

    private volatile boolean running = true;
    private volatile Throwable startFailure;

    /**
     * Starts the workers and waits until each has created its processor.
     *
     * @param maxBatchRows a batch stops growing at this many rows; 1 turns batching off
     * @param maxDelay the longest an item waits for others to join its batch
     * @param queueCapacity the most items waiting
     * @param workers worker threads, each with its own processor
     * @param rowsOf rows an item adds to a batch
     * @param processors creates one processor per worker, called on that worker's thread
     * @param nanoClock monotonic time in nanoseconds, e.g. {@code System::nanoTime}
     */
    public DynamicBatcher(
            int maxBatchRows,
            Duration maxDelay,
            int queueCapacity,
            int workers,
            ToIntFunction<I> rowsOf,
            Supplier<? extends BatchProcessor<I, O>> processors,
            LongSupplier nanoClock,
            BatchListener listener,
            String name) {
        if (maxBatchRows < 1 || queueCapacity < 1 || workers < 1) {
            throw new IllegalArgumentException("max batch rows, queue capacity and workers must be positive");
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("max delay must not be negative");
        }
        this.maxBatchRows = maxBatchRows;
        this.maxDelayNanos = maxDelay.toNanos();
        this.queueCapacity = queueCapacity;
        this.rowsOf = Objects.requireNonNull(rowsOf);
        this.nanoClock = Objects.requireNonNull(nanoClock);
        this.listener = Objects.requireNonNull(listener);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.started = new CountDownLatch(workers);
        this.idleWorkers = new AtomicInteger(workers);
        this.workerCount = workers;
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(() -> work(processors), name + "-" + i);
            t.setDaemon(true);
            this.workers.add(t);
            t.start();
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting workers", e);
        }
        if (startFailure != null) {
            close();
            throw new IllegalStateException(
                    "a batch worker failed to start: " + startFailure.getMessage(), startFailure);
        }
    }

    /**
     * Queues an item.
     *
     * @param deadlineNanos on {@code nanoClock}: past it the item is failed instead of processed
     * @throws QueueFullException at once when the queue is full
     */
    public CompletableFuture<O> submit(I item, long deadlineNanos) {
        if (!running) {
            throw new IllegalStateException("the batcher is closed");
        }
        Pending<I, O> pending = new Pending<>(
                item, rowsOf.applyAsInt(item), nanoClock.getAsLong(), deadlineNanos, idleWorkers.get() == 0);
        if (!queue.offer(pending)) {
            listener.rejected();
            throw new QueueFullException(queueCapacity);
        }
        return pending.future;
    }

    /** Whether every worker started is still running: false once one has died, or after close. */
    public boolean allWorkersAlive() {
        return running && liveWorkers.get() == workerCount;
    }

    /** Items waiting for a worker. */
    public int queueDepth() {
        return queue.size();
    }

    /** Whether an item submitted now would be refused. */
    public boolean isFull() {
        return queue.remainingCapacity() == 0;
    }

    private void work(Supplier<? extends BatchProcessor<I, O>> processors) {
        BatchProcessor<I, O> processor;
        try {
            processor = processors.get();
        } catch (Throwable e) {
            startFailure = e;
            started.countDown();
            return;
        }
        liveWorkers.incrementAndGet();
        started.countDown();
        Pending<I, O> carried = null;
        try (processor) {
            List<Pending<I, O>> batch = new ArrayList<>();
            while (running) {
                Pending<I, O> first = carried != null ? carried : queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                carried = null;
                if (first == null) {
                    continue;
                }
                idleWorkers.decrementAndGet();
                try {
                    batch.clear();
                    batch.add(first);
                    carried = fill(batch, first);
                    run(processor, batch);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Throwable e) {
                    // Whatever a batch throws (an OutOfMemoryError included) fails that batch, never
                    // the worker: a dead worker would leave requests queueing for no one.
                    batch.forEach(p -> p.future.completeExceptionally(e));
                } finally {
                    idleWorkers.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            liveWorkers.decrementAndGet();
        }
        if (carried != null) {
            carried.future.completeExceptionally(new IllegalStateException("the batcher closed before this item ran"));
        }
        failRemaining();
    }

    /**
     * Adds queued items until the batch is full; when the first item arrived to find every worker
     * busy, also waits for more until its delay is spent. Returns an overflow item.
     */
    private Pending<I, O> fill(List<Pending<I, O>> batch, Pending<I, O> first) throws InterruptedException {
        int rows = first.rows;
        long flushAt = first.enqueuedNanos + maxDelayNanos;
        while (rows < maxBatchRows) {
            Pending<I, O> next = queue.poll();
            if (next == null) {
                if (!first.arrivedToBusyWorkers) {
                    break;
                }
                long remaining = flushAt - nanoClock.getAsLong();
                if (remaining <= 0) {
                    break;
                }
                next = queue.poll(remaining, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            if (rows + next.rows > maxBatchRows) {
                return next;
            }
            batch.add(next);
            rows += next.rows;
        }
        return null;
    }

    private void run(BatchProcessor<I, O> processor, List<Pending<I, O>> batch) {
        long now = nanoClock.getAsLong();
        List<Pending<I, O>> live = new ArrayList<>(batch.size());
        int rows = 0;
        for (Pending<I, O> p : batch) {
            if (p.future.isDone()) {
                continue; // cancelled by a caller that stopped waiting
            }
            if (now > p.deadlineNanos) {
                p.future.completeExceptionally(new DeadlineExceededException());
                continue;
            }
            listener.queueWait(now - p.enqueuedNanos);
            live.add(p);
            rows += p.rows;
        }
        if (live.isEmpty()) {
            return;
        }
        List<I> items = new ArrayList<>(live.size());
        live.forEach(p -> items.add(p.item));
        try {
            List<O> results = processor.process(items);
            if (results.size() != items.size()) {
                throw new IllegalStateException(results.size() + " results for " + items.size() + " items");
            }
            listener.batch(items.size(), rows, nanoClock.getAsLong() - now);
            for (int i = 0; i < live.size(); i++) {
                live.get(i).future.complete(results.get(i));
            }
        } catch (Throwable e) {
            live.forEach(p -> p.future.completeExceptionally(e));
        }
    }

    private void failRemaining() {
        Pending<I, O> p;
        while ((p = queue.poll()) != null) {
            p.future.completeExceptionally(new IllegalStateException("the batcher closed before this item ran"));
        }
    }

    /** Stops the workers after their current batch; waiting items are failed, not lost silently. */
    @Override
    public void close() {
        running = false;
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failRemaining();
    }

    private static final class Pending<I, O> {
        final I item;
        final int rows;
        final long enqueuedNanos;
        final long deadlineNanos;
        final boolean arrivedToBusyWorkers;
        final CompletableFuture<O> future = new CompletableFuture<>();

        Pending(I item, int rows, long enqueuedNanos, long deadlineNanos, boolean arrivedToBusyWorkers) {
            this.item = item;
            this.rows = rows;
            this.enqueuedNanos = enqueuedNanos;
            this.deadlineNanos = deadlineNanos;
            this.arrivedToBusyWorkers = arrivedToBusyWorkers;
        }
    }
}

package io.dinserving.serving;

import io.dinserving.batching.DynamicBatcher;
import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.ModelConfig;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded version at work: its bundle, the encoder of its features and its warmed-up scoring
 * workers. Requests lease it; once retired, it closes when the last lease is returned, so a request
 * that started on it finishes on it and its native memory is freed right after.
 */
public final class ServedVersion implements ScoringVersion {

    private final String version;
    private final ModelBundle bundle;
    private final RequestEncoder encoder;
    private final DynamicBatcher<EncodedRequest, float[]> batcher;
    private final Scorer scorer;
    private final String device;
    private final Instant loadedAt;
    private final long loadMillis;
    private final Runnable onClose;
    private final AtomicInteger leases = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean retired;

    ServedVersion(
            String version,
            ModelBundle bundle,
            DynamicBatcher<EncodedRequest, float[]> batcher,
            String device,
            Instant loadedAt,
            long loadMillis,
            Runnable onNonFiniteScores,
            Runnable onClose) {
        this.version = version;
        this.bundle = bundle;
        this.encoder = new RequestEncoder(bundle.encoder());
        this.batcher = batcher;
        this.scorer = new QueueingScorer(batcher, () -> {
            errors.incrementAndGet();
            onNonFiniteScores.run();
        });
        this.device = device;
        this.loadedAt = loadedAt;
        this.loadMillis = loadMillis;
        this.onClose = onClose;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String identity() {
        return version + "@" + loadedAt.toEpochMilli();
    }

    public BundleManifest manifest() {
        return bundle.manifest();
    }

    @Override
    public String itemName(String itemId) {
        return bundle.manifest().itemName(itemId);
    }

    @Override
    public ModelConfig architecture() {
        return bundle.manifest().model(); // null for an imported TorchScript module
    }

    @Override
    public CompiledDin.Explanation explain(EncodedRequest request) {
        EncodedBatch batch = EncodedBatch.of(
                List.of(request.context()),
                List.of(request.candidates()),
                bundle.manifest().spec().attention().size(),
                EncodedBatch.longestHistory(List.of(request.context())));
        return bundle.scorer().explain(batch, new int[] {request.context().length()});
    }

    /** The loaded bundle; for tests and tools that score without the workers. */
    public ModelBundle bundle() {
        return bundle;
    }

    @Override
    public RequestEncoder encoder() {
        return encoder;
    }

    @Override
    public Scorer scorer() {
        return scorer;
    }

    /** Whether every scoring worker is running: false once one has died, which readiness reports. */
    boolean workersAlive() {
        return batcher.allWorkersAlive();
    }

    /** Errors it answered with since it loaded (non-finite scores), plus one if a worker died. */
    long errors() {
        return errors.get() + (workersAlive() ? 0 : 1);
    }

    /** Requests waiting for a scoring worker. */
    int queueDepth() {
        return batcher.queueDepth();
    }

    /** Whether a request would be refused now, its queue being full. */
    boolean isFull() {
        return batcher.isFull();
    }

    public String device() {
        return device;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public long loadMillis() {
        return loadMillis;
    }

    /** Whether its workers are stopped and its native memory freed. */
    public boolean isClosed() {
        return closed.get();
    }

    /** A lease, or null when the model has been retired meanwhile. */
    VersionLease tryLease() {
        leases.incrementAndGet();
        if (retired) {
            returnLease();
            return null;
        }
        return new VersionLease(this, this::returnLease);
    }

    private void returnLease() {
        if (leases.decrementAndGet() == 0 && retired) {
            close();
        }
    }

    /** Takes no new leases, and closes once the leases out are returned. */
    void retire() {
        retired = true;
        if (leases.get() == 0) {
            close();
        }
    }

    /** Closes at once, leases or not: for shutdown, after the web server has drained. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            batcher.close();
            bundle.close();
            onClose.run();
        }
    }
}

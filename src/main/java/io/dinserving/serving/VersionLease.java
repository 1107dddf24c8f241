package io.dinserving.serving;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to use a version for one request. While any lease on it is open, a retired version
 * stays open; close the lease, once, when the request is answered.
 */
public final class VersionLease implements AutoCloseable {

    private final ScoringVersion version;
    private final Runnable onClose;
    private final AtomicBoolean returned = new AtomicBoolean();

    /** @param onClose run once, when the lease is closed */
    public VersionLease(ScoringVersion version, Runnable onClose) {
        this.version = version;
        this.onClose = onClose;
    }

    public ScoringVersion version() {
        return version;
    }

    @Override
    public void close() {
        if (returned.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}

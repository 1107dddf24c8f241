package io.dinserving.model;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to use a version for one request. While any lease on it is open, a retired version
 * stays open; close the lease, once, when the request is answered.
 */
public final class ModelLease implements AutoCloseable {

    private final ScoringModel model;
    private final Runnable onClose;
    private final AtomicBoolean returned = new AtomicBoolean();

    /** @param onClose run once, when the lease is closed */
    public ModelLease(ScoringModel model, Runnable onClose) {
        this.model = model;
        this.onClose = onClose;
    }

    public ScoringModel model() {
        return model;
    }

    @Override
    public void close() {
        if (returned.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}

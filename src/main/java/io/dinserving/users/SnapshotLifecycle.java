package io.dinserving.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Restores the embedded store before the server takes requests and writes it after the server has
 * stopped taking them, so the snapshot holds every event that was acknowledged.
 */
final class SnapshotLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SnapshotLifecycle.class);

    private final UserSnapshot snapshot;
    private final InMemoryUserStore store;
    private volatile boolean running;

    /** @param snapshot null when no snapshot is configured */
    SnapshotLifecycle(UserSnapshot snapshot, InMemoryUserStore store) {
        this.snapshot = snapshot;
        this.store = store;
    }

    @Override
    public void start() {
        running = true;
        if (snapshot == null) {
            return;
        }
        try {
            long users = snapshot.restore(store);
            log.info("Restored {} users from {}", users, snapshot.file());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot restore the user store from " + snapshot.file() + ": " + e.getMessage()
                            + "; move the file away to start empty",
                    e);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (snapshot == null) {
            return;
        }
        try {
            long users = snapshot.write(store);
            log.info("Wrote {} users to {}", users, snapshot.file());
        } catch (IOException e) {
            log.error("Cannot write the user store to {}: {}", snapshot.file(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Far below the web server's phase: started before it takes the first request, and, as phases
     * stop in reverse, stopped after its graceful shutdown has answered the last one.
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}

package io.dinserving.events;

import io.dinserving.users.Appended;
import io.dinserving.users.Behaviour;
import io.dinserving.users.UserStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Writes checked batches to the store, and counts what became of every event. */
public final class EventIngestor {

    private final UserStore store;
    private final Clock clock;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter stale;
    private final Counter rejected;
    private final Counter profiles;
    private final Timer lag;

    public EventIngestor(UserStore store, MeterRegistry registry, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.accepted = outcome(registry, "accepted");
        this.duplicates = outcome(registry, "duplicate");
        this.stale = outcome(registry, "stale");
        this.rejected = outcome(registry, "rejected");
        this.profiles = Counter.builder("din.profile.updates")
                .description("Profile updates written to the user store")
                .register(registry);
        this.lag = Timer.builder("din.events.lag")
                .description("From an event's timestamp to its arrival at the store: how far behind the senders are")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("din.events")
                .description("Behaviour events received, by what became of them: accepted, duplicate, stale "
                        + "(older than a full history) or rejected (in an invalid batch)")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Writes the batch, one user at a time; each user's events land together. */
    public IngestResult ingest(ValidBatch batch) {
        Appended total = Appended.NONE;
        long now = clock.millis();
        for (Map.Entry<String, List<Behaviour>> user : batch.behaviours().entrySet()) {
            Appended appended = store.append(user.getKey(), user.getValue());
            total = total.plus(appended);
            for (Behaviour behaviour : user.getValue()) {
                lag.record(Duration.ofMillis(Math.max(0, now - behaviour.timestamp())));
            }
        }
        batch.profiles().forEach(store::updateProfile);
        accepted.increment(total.accepted());
        duplicates.increment(total.duplicates());
        stale.increment(total.stale());
        profiles.increment(batch.profiles().size());
        return new IngestResult(
                total.accepted(),
                total.duplicates(),
                total.stale(),
                batch.profiles().size());
    }

    /** Counts the events of a batch refused as invalid. */
    public void rejected(int events) {
        rejected.increment(events);
    }
}

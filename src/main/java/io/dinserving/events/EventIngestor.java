package io.dinserving.events;

import io.dinserving.feature.RequestEncoder;
import io.dinserving.users.Appended;
import io.dinserving.users.Behaviour;
import io.dinserving.users.UserStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a batch whole, then writes it to the store, and counts what became of every event. {@code
 * POST /events} and the topic consumer both come here, so they keep one contract.
 */
public final class EventIngestor {

    private final UserStore store;
    private final EventValidator validator;
    private final Function<String, RequestEncoder> encoderFor;
    private final Clock clock;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter stale;
    private final Counter rejected;
    private final Counter profiles;
    private final Timer lag;

    /**
     * @param encoderFor the encoder of the version that serves a user: what the user's events are
     *     checked against
     */
    public EventIngestor(
            UserStore store,
            EventValidator validator,
            Function<String, RequestEncoder> encoderFor,
            MeterRegistry registry,
            Clock clock) {
        this.store = store;
        this.validator = validator;
        this.encoderFor = encoderFor;
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

    /** Counts a batch that could not even be read as one, such as a topic record that is not JSON. */
    public void unreadable() {
        rejected.increment();
    }

    /**
     * Checks the batch and writes it, one user at a time; each user's events land together. A
     * failure of the store may leave some users written: the batch is then safe to resend whole, as
     * what was written counts as duplicates.
     *
     * @throws InvalidEventException naming the first mistake, with nothing written
     */
    public IngestResult ingest(EventBatch sent) {
        ValidBatch batch;
        try {
            batch = validator.validate(sent, encoderFor);
        } catch (InvalidEventException e) {
            if (sent != null && sent.events() != null) {
                rejected.increment(sent.events().size());
            }
            throw e;
        }
        Appended total = store.appendAll(batch.behaviours());
        long now = clock.millis();
        for (List<Behaviour> events : batch.behaviours().values()) {
            for (Behaviour behaviour : events) {
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
}

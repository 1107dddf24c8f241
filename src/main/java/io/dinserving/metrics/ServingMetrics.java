package io.dinserving.metrics;

import io.dinserving.batching.BatchListener;
import io.dinserving.model.PassListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's meters. Every timer and summary publishes a percentile histogram, so percentiles
 * aggregate across pods.
 *
 * <ul>
 *   <li>{@code din.request.latency{outcome=ok|client_error|rejected|error}}
 *   <li>{@code din.request.candidates}: candidates per request
 *   <li>{@code din.requests.rejected}: requests refused because the queue was full
 *   <li>{@code din.batch.queue.wait}, {@code din.batch.requests} (requests per batch), {@code
 *       din.batch.queue.depth}
 *   <li>{@code din.batch.size} (rows) and {@code din.inference.latency}, once per forward pass: a
 *       batch or a request larger than {@code max-batch-rows} runs as several passes
 *   <li>{@code din.model.info{version, device}} = 1
 * </ul>
 */
public final class ServingMetrics implements BatchListener, PassListener {

    /** How a request ended. */
    public enum Outcome {
        OK,
        CLIENT_ERROR,
        REJECTED,
        ERROR;

        String tag() {
            return name().toLowerCase();
        }

        /** Classifies an HTTP status: 503 is a rejection (overload), other 5xx an error. */
        public static Outcome of(int status) {
            if (status == 503) {
                return REJECTED;
            }
            if (status >= 500) {
                return ERROR;
            }
            return status >= 400 ? CLIENT_ERROR : OK;
        }
    }

    private final Map<Outcome, Timer> latency = new EnumMap<>(Outcome.class);
    private final DistributionSummary candidates;
    private final Counter rejected;
    private final Timer queueWait;
    private final DistributionSummary batchRequests;
    private final DistributionSummary batchRows;
    private final Timer inference;

    public ServingMetrics(
            MeterRegistry registry,
            List<Duration> latencySlos,
            Supplier<Number> queueDepth,
            String modelVersion,
            String device) {
        Duration[] slos = latencySlos.toArray(Duration[]::new);
        for (Outcome outcome : Outcome.values()) {
            latency.put(
                    outcome,
                    Timer.builder("din.request.latency")
                            .description("Time to answer POST /recommend, by outcome")
                            .tag("outcome", outcome.tag())
                            .publishPercentileHistogram()
                            .serviceLevelObjectives(slos)
                            .register(registry));
        }
        candidates = DistributionSummary.builder("din.request.candidates")
                .description("Candidates per request")
                .publishPercentileHistogram()
                .register(registry);
        rejected = Counter.builder("din.requests.rejected")
                .description("Requests refused with 503 because the scoring queue was full")
                .register(registry);
        queueWait = Timer.builder("din.batch.queue.wait")
                .description("Time a request waited before its batch started")
                .publishPercentileHistogram()
                .register(registry);
        batchRequests = DistributionSummary.builder("din.batch.requests")
                .description("Requests per dynamic batch")
                .publishPercentileHistogram()
                .register(registry);
        batchRows = DistributionSummary.builder("din.batch.size")
                .baseUnit("rows")
                .description("Candidate rows per forward pass")
                .publishPercentileHistogram()
                .register(registry);
        inference = Timer.builder("din.inference.latency")
                .description("Time of one batched forward pass")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("din.batch.queue.depth", queueDepth)
                .description("Requests waiting for a scoring worker")
                .register(registry);
        Gauge.builder("din.model.info", () -> 1)
                .description("The served model: version and device")
                .tag("version", modelVersion)
                .tag("device", device)
                .register(registry);
    }

    /** Records one finished request. */
    public void request(Outcome outcome, long nanos) {
        latency.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
        if (outcome == Outcome.REJECTED) {
            rejected.increment();
        }
    }

    /** Records the number of candidates of a valid request. */
    public void candidates(int count) {
        candidates.record(count);
    }

    @Override
    public void batch(int items, int rows, long processNanos) {
        batchRequests.record(items);
    }

    @Override
    public void pass(int rows, long nanos) {
        batchRows.record(rows);
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void queueWait(long nanos) {
        queueWait.record(nanos, TimeUnit.NANOSECONDS);
    }
}

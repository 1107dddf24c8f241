package io.dinserving.metrics;

import io.dinserving.batching.BatchListener;
import io.dinserving.serving.GateVerdict;
import io.dinserving.serving.PassListener;
import io.dinserving.serving.ServingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's meters. Every timer and summary publishes a percentile histogram, so percentiles
 * aggregate across pods.
 *
 * <p>Every meter of scoring carries the {@code version} that scored (requests refused before a
 * version was picked carry {@code version="none"}):
 *
 * <ul>
 *   <li>{@code din.request.candidates}: candidates per request
 *   <li>{@code din.requests.rejected}: requests refused because the queue was full
 *   <li>{@code din.batch.queue.wait}, {@code din.batch.requests} (requests per batch), {@code
 *       din.batch.queue.depth}
 *   <li>{@code din.batch.size} (rows) and {@code din.inference.latency}, once per forward pass: a
 *       batch or a request larger than {@code max-batch-rows} runs as several passes
 *   <li>{@code din.model.info{version, device}} = 1 while the version serves
 *   <li>{@code din.model.loads{result=success|failure, version}}: load attempts
 *   <li>{@code din.model.gate{result=promoted|rejected, version}}: the publishing gate's verdicts, and
 *       {@code din.model.gate.auc} and {@code din.model.gate.logloss} {@code {version, role}}: the
 *       figures each verdict compared, for the {@code candidate} and the {@code serving} version it
 *       was judged against (tagged with the candidate's version)
 * </ul>
 */
public final class ServingMetrics implements ServingListener {

    /** The version tag of a request refused before a version was picked. */
    public static final String NO_VERSION = "none";

    private final MeterRegistry registry;
    private final Map<String, VersionMeters> versions = new ConcurrentHashMap<>();
    /** The latest figures per judged version and role, which the gate's gauges read. */
    private final Map<String, GateVerdict.Figures> gateFigures = new ConcurrentHashMap<>();

    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the number of candidates of a valid request. */
    public void candidates(String version, int count) {
        meters(version).candidates.record(count);
    }

    @Override
    public void loaded(String version, boolean success, String reason) {
        Counter.builder("din.model.loads")
                .description("Attempts to load a model version, by result")
                .tag("result", success ? "success" : "failure")
                .tag("version", version)
                .register(registry)
                .increment();
    }

    @Override
    public void gated(String version, GateVerdict verdict) {
        Counter.builder("din.model.gate")
                .description("Publishing gate verdicts on new model versions, by result")
                .tag("result", verdict.promoted() ? "promoted" : "rejected")
                .tag("version", version)
                .register(registry)
                .increment();
        figure(version, "candidate", verdict.candidate());
        figure(version, "serving", verdict.serving());
    }

    private void figure(String version, String role, GateVerdict.Figures figures) {
        if (figures == null) {
            return;
        }
        String key = version + "/" + role;
        gateFigures.put(key, figures);
        Gauge.builder("din.model.gate.auc", gateFigures, f -> f.get(key).auc())
                .description("AUC on the gate's evaluation file of a judged version (candidate) and of the version it "
                        + "was judged against (serving)")
                .tag("version", version)
                .tag("role", role)
                .register(registry);
        Gauge.builder("din.model.gate.logloss", gateFigures, f -> f.get(key).logLoss())
                .description("Log loss on the gate's evaluation file, as din.model.gate.auc")
                .tag("version", version)
                .tag("role", role)
                .register(registry);
    }

    @Override
    public void serving(String version, String device, Supplier<Number> queueDepth) {
        removeGauges(version);
        Gauge.builder("din.batch.queue.depth", queueDepth)
                .description("Requests waiting for a scoring worker")
                .tag("version", version)
                .register(registry);
        Gauge.builder("din.model.info", () -> 1)
                .description("A served model version and its device")
                .tag("version", version)
                .tag("device", device)
                .register(registry);
    }

    @Override
    public void nonFiniteScores(String version) {
        Counter.builder("din.scores.nonfinite")
                .description("Requests answered with a 500 because the model gave a NaN or infinite score")
                .tag("version", version)
                .register(registry)
                .increment();
    }

    @Override
    public void retired(String version) {
        removeGauges(version);
    }

    private void removeGauges(String version) {
        for (String name : List.of("din.batch.queue.depth", "din.model.info")) {
            registry.find(name).tag("version", version).gauges().forEach(registry::remove);
        }
    }

    @Override
    public PassListener passes(String version) {
        VersionMeters meters = meters(version);
        return (rows, nanos) -> {
            meters.batchRows.record(rows);
            meters.inference.record(nanos, TimeUnit.NANOSECONDS);
        };
    }

    @Override
    public BatchListener batches(String version) {
        VersionMeters meters = meters(version);
        return new BatchListener() {
            @Override
            public void batch(int items, int rows, long processNanos) {
                meters.batchRequests.record(items);
            }

            @Override
            public void queueWait(long nanos) {
                meters.queueWait.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void rejected() {
                meters.rejected.increment();
            }
        };
    }

    private VersionMeters meters(String version) {
        return versions.computeIfAbsent(version == null ? NO_VERSION : version, this::newMeters);
    }

    private VersionMeters newMeters(String version) {
        return new VersionMeters(
                DistributionSummary.builder("din.request.candidates")
                        .description("Candidates per request")
                        .tag("version", version)
                        .publishPercentileHistogram()
                        .register(registry),
                Counter.builder("din.requests.rejected")
                        .description("Requests refused with 503 because the scoring queue was full")
                        .tag("version", version)
                        .register(registry),
                Timer.builder("din.batch.queue.wait")
                        .description("Time a request waited before its batch started")
                        .tag("version", version)
                        .publishPercentileHistogram()
                        .register(registry),
                DistributionSummary.builder("din.batch.requests")
                        .description("Requests per dynamic batch")
                        .tag("version", version)
                        .publishPercentileHistogram()
                        .register(registry),
                DistributionSummary.builder("din.batch.size")
                        .baseUnit("rows")
                        .description("Candidate rows per forward pass")
                        .tag("version", version)
                        .publishPercentileHistogram()
                        .register(registry),
                Timer.builder("din.inference.latency")
                        .description("Time of one batched forward pass")
                        .tag("version", version)
                        .publishPercentileHistogram()
                        .register(registry));
    }

    private record VersionMeters(
            DistributionSummary candidates,
            Counter rejected,
            Timer queueWait,
            DistributionSummary batchRequests,
            DistributionSummary batchRows,
            Timer inference) {}
}

package io.dinserving.train.gate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.dinserving.batching.BatchingProperties;
import io.dinserving.bundle.ModelRepository;
import io.dinserving.metrics.ServingMetrics;
import io.dinserving.serving.GateVerdict;
import io.dinserving.serving.ModelProperties;
import io.dinserving.serving.ModelRegistry;
import io.dinserving.serving.ServedVersion;
import io.dinserving.serving.VersionLease;
import io.dinserving.train.cli.CliOutput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publishing gate with real bundles, through the registry: the bundled default model (AUC about
 * 0.91 on the evaluation file) and an item-only model trained for one epoch (about 0.52), judged on
 * samples {@code prepare} wrote from a generated log.
 */
class EvaluationGateTest {

    static final Path DEFAULT = Path.of("models/default");
    static final BatchingProperties BATCHING =
            new BatchingProperties(true, 64, Duration.ofMillis(1), 16, 1, Duration.ofSeconds(2));

    @TempDir
    static Path shared;

    static Path evaluation;
    static Path worse;

    @TempDir
    Path repository;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<ModelRegistry> registries = new ArrayList<>();

    @BeforeAll
    static void evaluationFileAndAWorseModel() {
        Path log = shared.resolve("log.csv");
        // The default model's world (seed 7), a few of its users: recent traffic it ranks well.
        CliOutput.standardOutputOf("generate", "--out", log.toString(), "--users", "300", "--seed", "7");
        evaluation = shared.resolve("evaluation.csv");
        CliOutput.standardOutputOf(
                "prepare",
                "--log",
                log.toString(),
                "--category-col",
                "category",
                "--label-col",
                "label",
                "--out",
                evaluation.toString());
        worse = shared.resolve("worse");
        CliOutput.standardOutputOf(worseModelTraining("--out", worse.toString()));
    }

    /** An item-only model, one epoch, on the evaluation file's log; its destination added. */
    private static String[] worseModelTraining(String destination, String path) {
        return new String[] {
            "train",
            "--log",
            shared.resolve("log.csv").toString(),
            "--category-col",
            "category",
            "--label-col",
            "label",
            "--variant",
            "item-only",
            "--epochs",
            "1",
            "--embedding-dim",
            "4",
            "--top-hidden",
            "8",
            "--seed",
            "1",
            destination,
            path
        };
    }

    @AfterEach
    void closeRegistries() {
        registries.forEach(ModelRegistry::close);
    }

    private ModelRegistry start() {
        return start(Duration.ZERO);
    }

    private ModelRegistry start(Duration pollInterval) {
        ModelRegistry registry = new ModelRegistry(
                new ModelProperties(repository, null, null, null, pollInterval, Map.of()),
                BATCHING,
                Device.cpu(),
                new ServingMetrics(meters),
                new EvaluationGate(repository.resolve("evaluation.csv"), 0.005),
                io.dinserving.serving.RolloutProperties.immediate());
        registries.add(registry);
        registry.start();
        return registry;
    }

    private Path publish(Path bundle) throws IOException {
        Path staged = Files.createTempDirectory(repository, ".staging-");
        try (Stream<Path> files = Files.list(bundle)) {
            for (Path f : files.toList()) {
                Files.copy(f, staged.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new ModelRepository(repository).publish(staged);
    }

    private static String serving(ModelRegistry registry) {
        try (VersionLease lease = registry.lease("u1")) {
            return lease.version().version();
        }
    }

    private double gateCount(String result, String version) {
        var counter = meters.find("din.model.gate")
                .tag("result", result)
                .tag("version", version)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aWorseVersionIsRejectedAndTheServingOneStaysThenOneAsGoodGoesLive() throws Exception {
        Files.copy(evaluation, repository.resolve("evaluation.csv"));
        publish(DEFAULT);
        ModelRegistry registry = start();
        assertThat(serving(registry)).isEqualTo("1");

        publish(worse);
        registry.refresh();

        assertThat(serving(registry)).isEqualTo("1");
        var rejected = registry.statuses().stream()
                .filter(s -> s.version().equals("2"))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.state().name()).isEqualTo("REJECTED");
        GateVerdict verdict = rejected.gate();
        assertThat(verdict.promoted()).isFalse();
        assertThat(verdict.servingVersion()).isEqualTo("1");
        assertThat(verdict.candidate().auc()).isLessThan(verdict.serving().auc() - 0.005);
        assertThat(verdict.serving().auc()).isGreaterThan(0.8);
        assertThat(verdict.reason()).contains("below version 1's").contains("does not beat the constant predictor");
        assertThat(gateCount("rejected", "2")).isEqualTo(1);
        assertThat(meters.find("din.model.gate.auc")
                        .tag("version", "2")
                        .tag("role", "serving")
                        .gauge()
                        .value())
                .isEqualTo(verdict.serving().auc());

        registry.refresh(); // an unchanged rejected version is not judged again
        assertThat(gateCount("rejected", "2")).isEqualTo(1);

        publish(DEFAULT);
        registry.refresh();

        assertThat(serving(registry)).isEqualTo("3");
        var promoted = registry.statuses().get(0);
        assertThat(promoted.version()).isEqualTo("3");
        assertThat(promoted.state().name()).isEqualTo("SERVING");
        assertThat(promoted.gate().promoted()).isTrue();
        assertThat(promoted.gate().servingVersion()).isEqualTo("1");
        assertThat(gateCount("promoted", "3")).isEqualTo(1);
    }

    @Test
    void aBetterVersionReplacesAWorseOne() throws Exception {
        publish(worse);
        ModelRegistry registry = start(); // no evaluation file yet: the first version goes through unjudged
        assertThat(serving(registry)).isEqualTo("1");
        assertThat(registry.statuses().get(0).gate()).isNull();

        Files.copy(evaluation, repository.resolve("evaluation.csv"));
        publish(DEFAULT);
        registry.refresh();

        assertThat(serving(registry)).isEqualTo("2");
        GateVerdict verdict = registry.statuses().get(0).gate();
        assertThat(verdict.candidate().auc()).isGreaterThan(verdict.serving().auc());
        assertThat(verdict.candidate().logLoss()).isLessThan(verdict.constantLogLoss());
    }

    /** Scored on the labels turned over, the default model is worse than a constant: nothing serves. */
    @Test
    void aVersionThatDoesNotBeatAConstantPredictorIsRejectedEvenWithNothingServing() throws Exception {
        List<String> lines = Files.readAllLines(evaluation);
        int label = List.of(lines.get(0).split(",")).indexOf("label");
        List<String> flipped = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            fields[label] = fields[label].equals("1") ? "0" : "1";
            flipped.add(String.join(",", fields));
        }
        Files.write(repository.resolve("evaluation.csv"), flipped);
        publish(DEFAULT);
        ModelRegistry registry = start(Duration.ofHours(1)); // polled: not ready rather than serve a refused model

        assertThat(registry.isServing()).isFalse();
        GateVerdict verdict = registry.statuses().get(0).gate();
        assertThat(verdict.promoted()).isFalse();
        assertThat(verdict.servingVersion()).isNull();
        assertThat(verdict.candidate().logLoss()).isGreaterThan(verdict.constantLogLoss());
        assertThat(verdict.reason()).contains("does not beat the constant predictor");
        assertThat(registry.servedModels()).extracting(ServedVersion::version).isEmpty();
    }

    @Test
    void publishingReportsTheVerdict() throws Exception {
        Files.copy(evaluation, repository.resolve("evaluation.csv"));
        publish(DEFAULT);
        Path log = shared.resolve("log.csv");
        String out = CliOutput.standardOutputOf(worseModelTraining("--publish-to", repository.toString()));

        assertThat(out)
                .containsPattern("publishing gate: version 2 is REJECTED: .*AUC 0\\.\\d+ is below version 1's 0\\.9");
    }

    @Test
    void theConstantPredictorsLogLossIsTheEntropyOfThePositiveRate() {
        List<io.dinserving.train.Sample> oneInFour = Stream.of(1, 0, 0, 0)
                .map(label -> new io.dinserving.train.Sample(
                        "u",
                        0,
                        List.of("i1"),
                        List.of(List.of()),
                        List.of(),
                        Map.of(),
                        Map.of(),
                        label,
                        io.dinserving.train.Split.TEST))
                .toList();
        assertThat(EvaluationGate.constantLogLoss(oneInFour))
                .isCloseTo(
                        -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)),
                        org.assertj.core.api.Assertions.within(1e-12));
        assertThat(EvaluationGate.constantLogLoss(oneInFour.subList(1, 4))).isZero();
    }
}

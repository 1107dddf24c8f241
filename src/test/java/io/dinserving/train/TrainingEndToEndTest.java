package io.dinserving.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import io.dinserving.bundle.BundleException;
import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.nn.ModelConfig;
import io.dinserving.nn.ModelConfig.Variant;
import io.dinserving.train.SyntheticLogGenerator.GeneratorConfig;
import io.dinserving.train.io.BehaviourLogReader;
import io.dinserving.train.io.LogDataset;
import io.dinserving.train.io.LogFormat;
import io.dinserving.train.io.RowErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated logs to bundles: small enough for CI, large enough for attention to matter. */
class TrainingEndToEndTest {

    @TempDir
    static Path dir;

    static SampleSet samples;

    @BeforeAll
    static void generate() throws Exception {
        Path log = dir.resolve("log.csv");
        new SyntheticLogGenerator(new GeneratorConfig(400, 8, 20, 40, 2, 3)).write(log);
        LogDataset data = new LogDataset(
                log.toString(),
                new BehaviourLogReader(LogFormat.csv("category", null, "label"), RowErrors.failFast()).read(log),
                null,
                null,
                null,
                null);
        samples = new SampleBuilder(
                        new SamplingConfig(30, null, java.util.Set.of(), 0, SamplingConfig.NegativeSampling.UNIFORM, 1))
                .build(data);
    }

    private static ModelConfig small(Variant variant) {
        return new ModelConfig(
                variant,
                8,
                List.of(32, 16),
                List.of(64, 32),
                ModelConfig.Activation.PRELU,
                ModelConfig.WeightNormalization.NONE,
                false,
                0f);
    }

    private static TrainingResult train(Variant variant, Path out) throws Exception {
        TrainingPipeline pipeline = new TrainingPipeline(
                new FeatureFitter(1), new DinTrainer(new TrainingConfig(4, 128, 3e-3f, 0f, 2, 7), Progress.silent()));
        return pipeline.run(samples, small(variant), out, "v-" + variant.label());
    }

    @Test
    void dinBeatsItemOnlyAndTheBundleScoresIdenticallyAfterLoading() throws Exception {
        TrainingResult din = train(Variant.DIN, dir.resolve("din"));
        TrainingResult itemOnly = train(Variant.ITEM_ONLY, dir.resolve("item-only"));

        assertThat(din.test().auc()).isGreaterThan(itemOnly.test().auc() + 0.02);
        assertThat(din.test().gauc()).isGreaterThan(itemOnly.test().gauc());
        assertThat(din.manifest().metrics()).containsKeys("test.auc", "test.gauc", "test.logLoss", "test.accuracy");
        assertThat(din.bundle().resolve("report.md")).exists();
        assertThat(din.bundle().resolve("training.png")).exists();

        // The loaded bundle, with its own encoder, reproduces the test metrics exactly.
        try (ModelBundle bundle = ModelBundle.load(din.bundle(), Device.cpu())) {
            List<EncodedSample> test = FeatureFitter.encode(bundle.encoder(), samples.split(Split.TEST));
            BinaryMetrics reloaded = Scoring.evaluate(bundle.model(), test, 2, 512);
            assertThat(reloaded).isEqualTo(din.test());
            assertThat(bundle.manifest().version()).isEqualTo("v-din");
            assertThat(bundle.manifest().features().catalogue().values().get("category"))
                    .isNotEmpty();
        }
    }

    /** The kept epoch is the best by the watched score: the highest validation AUC, or the lowest log loss. */
    @ParameterizedTest
    @EnumSource(TrainingConfig.StoppingMetric.class)
    void theKeptEpochIsTheBestByTheWatchedValidationScore(TrainingConfig.StoppingMetric stopOn) {
        FittedFeatures fitted =
                new FeatureFitter(1).fit(samples.spec(), samples.split(Split.TRAIN), samples.catalogue());
        List<EncodedSample> train = FeatureFitter.encode(fitted.encoder(), samples.split(Split.TRAIN));
        List<EncodedSample> validation = FeatureFitter.encode(fitted.encoder(), samples.split(Split.VALIDATION));
        DinTrainer trainer =
                new DinTrainer(new TrainingConfig(4, 128, 3e-3f, 0f, 4, 7, stopOn, 0f, null), Progress.silent());
        DinTrainer.Outcome outcome = trainer.train(fitted, small(Variant.DIN), train, validation);
        try (var model = outcome.model()) {
            List<EpochStats> epochs = outcome.epochs();
            assertThat(epochs).hasSize(4);
            java.util.Comparator<EpochStats> better = stopOn == TrainingConfig.StoppingMetric.AUC
                    ? java.util.Comparator.comparingDouble(e -> e.validation().auc())
                    : java.util.Comparator.comparingDouble(e -> -e.validation().logLoss());
            int expected = epochs.stream().max(better).orElseThrow().epoch();
            assertThat(outcome.bestEpoch()).isEqualTo(expected);
            // The kept parameters are that epoch's: they score its validation metrics again.
            BinaryMetrics kept = Scoring.evaluate(model, validation, 2, 512);
            assertThat(kept.auc())
                    .isEqualTo(epochs.get(expected - 1).validation().auc());
            assertThat(kept.logLoss())
                    .isCloseTo(epochs.get(expected - 1).validation().logLoss(), within(1e-9));
        }
    }

    /**
     * The mini-batch-aware L2 shrinks the embeddings a batch uses, and like the rest of a step it
     * leaves no array behind, whatever the number of epochs.
     */
    @Test
    void theEmbeddingPenaltyShrinksEmbeddingsAndLeavesNoArrayBehind() {
        FittedFeatures fitted =
                new FeatureFitter(1).fit(samples.spec(), samples.split(Split.TRAIN), samples.catalogue());
        List<EncodedSample> train = FeatureFitter.encode(fitted.encoder(), samples.split(Split.TRAIN));
        List<EncodedSample> validation = FeatureFitter.encode(fitted.encoder(), samples.split(Split.VALIDATION));
        double[] norms = new double[2];
        int[] arrays = new int[2];
        float[] lambdas = {0f, 0.5f};
        for (int i = 0; i < 2; i++) {
            DinTrainer trainer = new DinTrainer(
                    new TrainingConfig(2, 128, 3e-3f, 0f, 2, 7, TrainingConfig.StoppingMetric.AUC, lambdas[i], null),
                    Progress.silent());
            try (var model =
                    trainer.train(fitted, small(Variant.DIN), train, validation).model()) {
                var itemTable = model.getBlock().getParameters().stream()
                        .filter(pair -> pair.getKey().contains("itemId"))
                        .findFirst()
                        .orElseThrow()
                        .getValue()
                        .getArray();
                norms[i] = itemTable.square().sum().getFloat();
            }
        }
        assertThat(norms[1]).isLessThan(0.9 * norms[0]);
        int[] epochs = {1, 3};
        for (int i = 0; i < 2; i++) {
            DinTrainer trainer = new DinTrainer(
                    new TrainingConfig(epochs[i], 128, 3e-3f, 0f, 3, 7, TrainingConfig.StoppingMetric.AUC, 0.5f, null),
                    Progress.silent());
            try (var model =
                    trainer.train(fitted, small(Variant.DIN), train, validation).model()) {
                arrays[i] = model.getNDManager().getManagedArrays().size();
            }
        }
        assertThat(arrays[1]).isEqualTo(arrays[0]);
    }

    @Test
    void theSameSeedGivesTheSameMetrics() throws Exception {
        TrainingResult a = train(Variant.BASE, dir.resolve("base-a"));
        TrainingResult b = train(Variant.BASE, dir.resolve("base-b"));
        assertThat(b.test()).isEqualTo(a.test());
        assertThat(b.validation()).isEqualTo(a.validation());
        assertThat(b.manifest().trainingData().sha256())
                .isEqualTo(a.manifest().trainingData().sha256());
    }

    @Test
    void aBundleWithAnUnknownFormatOrAMissingFileFailsNamingIt() throws Exception {
        TrainingResult result = train(Variant.ITEM_ONLY, dir.resolve("broken"));
        Path manifest = result.bundle().resolve(ModelBundle.MANIFEST);
        String json = Files.readString(manifest);

        Files.delete(result.bundle().resolve(result.manifest().parameters()));
        assertThatThrownBy(() -> ModelBundle.load(result.bundle(), Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("din-0000.params");

        Files.writeString(manifest, json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 99"));
        assertThatThrownBy(() -> ModelBundle.load(result.bundle(), Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("format version 99");

        Files.delete(manifest);
        assertThatThrownBy(() -> ModelBundle.load(result.bundle(), Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(ModelBundle.MANIFEST);
        assertThat(BundleManifest.FORMAT_VERSION).isEqualTo(2);
    }

    @Test
    void aLoadedBundleServesTheScoresOfItsTrainingGraph() throws Exception {
        TrainingResult result = train(Variant.DIN, dir.resolve("predict"));
        try (ModelBundle bundle = ModelBundle.load(result.bundle(), Device.cpu());
                Predictor<EncodedBatch, float[]> predictor = bundle.newPredictor()) {
            List<EncodedSample> some = FeatureFitter.encode(bundle.encoder(), samples.split(Split.TEST))
                    .subList(0, 200);
            EncodedBatch batch = Scoring.batch(some, 2);
            float[] reference = predictor.predict(batch);
            assertThat(bundle.scorer().score(batch)).containsExactly(reference, within(1e-5f));
            for (float s : reference) {
                assertThat(s).isBetween(0f, 1f);
            }
        }
    }

    /**
     * A training step, and the evaluation after each epoch, free every array they make: the trained
     * model's manager holds as many arrays after three epochs as after one. Dice and batch norm are
     * on, as they touch parameters in the forward pass.
     */
    @Test
    void trainingLeavesNoArrayBehindWhateverTheNumberOfEpochs() {
        ModelConfig config = new ModelConfig(
                Variant.DIN,
                8,
                List.of(16, 8),
                List.of(16),
                ModelConfig.Activation.DICE,
                ModelConfig.WeightNormalization.SOFTMAX,
                true,
                0.1f);
        FittedFeatures fitted =
                new FeatureFitter(1).fit(samples.spec(), samples.split(Split.TRAIN), samples.catalogue());
        List<EncodedSample> train = FeatureFitter.encode(fitted.encoder(), samples.split(Split.TRAIN));
        List<EncodedSample> validation = FeatureFitter.encode(fitted.encoder(), samples.split(Split.VALIDATION));
        int[] arrays = new int[2];
        int[] epochs = {1, 3};
        for (int i = 0; i < 2; i++) {
            DinTrainer trainer =
                    new DinTrainer(new TrainingConfig(epochs[i], 64, 3e-3f, 1e-4f, 10, 7), Progress.silent());
            DinTrainer.Outcome outcome = trainer.train(fitted, config, train, validation);
            try (var model = outcome.model()) {
                arrays[i] = model.getNDManager().getManagedArrays().size();
            }
        }
        assertThat(arrays[1]).isEqualTo(arrays[0]);
    }
}

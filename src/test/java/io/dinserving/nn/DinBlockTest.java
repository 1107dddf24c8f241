package io.dinserving.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.feature.NumericStats;
import io.dinserving.feature.Vocabulary;
import io.dinserving.nn.ModelConfig.Activation;
import io.dinserving.nn.ModelConfig.Variant;
import io.dinserving.nn.ModelConfig.WeightNormalization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DinBlockTest {

    static final FeatureSpec SPEC = FeatureSpec.forBehaviourLogs(
            true,
            List.of(CategoricalFeature.user("gender")),
            List.of(NumericFeature.user("age", Normalization.Z_SCORE, true)),
            5);
    /** Embedding tables of 20, 6 and 5 rows, reserved ids included. */
    static final FittedFeatures FEATURES = new FittedFeatures(
            SPEC,
            Map.of("itemId", tokens("i", 17), "category", tokens("c", 3), "gender", tokens("g", 2)),
            Map.of("age", new NumericStats(40, 10, 18, 80)),
            null);

    private static Vocabulary tokens(String prefix, int n) {
        return new Vocabulary(
                java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList());
    }

    static EncodedBatch batch(int paddedLength) {
        EncodedContext a = new EncodedContext(new int[] {4, 5, 6, 3, 3, 4}, 3, new int[] {3}, new float[] {0.5f, 0f});
        EncodedContext b = new EncodedContext(new int[] {7, 4}, 1, new int[] {4}, new float[] {-1f, 1f});
        List<List<EncodedCandidate>> candidates = List.of(
                List.of(
                        new EncodedCandidate(new int[] {8, 3}),
                        new EncodedCandidate(new int[] {9, 5}),
                        new EncodedCandidate(new int[] {1, 2})),
                List.of(new EncodedCandidate(new int[] {4, 3})));
        return EncodedBatch.of(List.of(a, b), candidates, 2, paddedLength);
    }

    static Model newModel(ModelConfig config) {
        Model model = Model.newInstance("din");
        model.setBlock(new DinBlock(FEATURES, config));
        model.getBlock()
                .initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, DinBlock.inputShapes(SPEC));
        return model;
    }

    static float[] score(Model model, EncodedBatch batch) throws Exception {
        try (Predictor<EncodedBatch, float[]> predictor = model.newPredictor(new DinTranslator())) {
            return predictor.predict(batch);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void scoresOneProbabilityPerCandidateRow(Variant variant) throws Exception {
        try (Model model = newModel(ModelConfig.defaults(variant))) {
            float[] scores = score(model, batch(5));
            assertThat(scores).hasSize(4);
            for (float s : scores) {
                assertThat(s).isBetween(0f, 1f);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WeightNormalization.class)
    void extraPaddingDoesNotChangeAScore(WeightNormalization normalization) throws Exception {
        ModelConfig config = new ModelConfig(
                Variant.DIN, 8, List.of(16, 8), List.of(16), Activation.DICE, normalization, true, 0.2f);
        try (Model model = newModel(config)) {
            float[] tight = score(model, batch(5));
            float[] padded = score(model, batch(40));
            assertThat(padded).containsExactly(tight, within(1e-6f));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void savedAndLoadedParametersGiveIdenticalScores(Variant variant, @TempDir Path dir) throws Exception {
        float[] before;
        try (Model model = newModel(ModelConfig.defaults(variant))) {
            before = score(model, batch(5));
            model.save(dir, "din");
        }
        try (Model loaded = Model.newInstance("din")) {
            loaded.setBlock(new DinBlock(FEATURES, ModelConfig.defaults(variant)));
            loaded.load(dir, "din");
            assertThat(score(loaded, batch(5))).containsExactly(before);
        }
    }

    /** With Dice and batch norm this only holds because inference uses running statistics. */
    @ParameterizedTest
    @EnumSource(Variant.class)
    void aCandidateScoresTheSameAloneAsInABatch(Variant variant) throws Exception {
        ModelConfig config = new ModelConfig(
                variant, 8, List.of(16, 8), List.of(16, 8), Activation.DICE, WeightNormalization.SOFTMAX, true, 0.3f);
        try (Model model = newModel(config);
                NDManager ignored = NDManager.newBaseManager()) {
            float[] together = score(model, batch(5));
            EncodedBatch alone = EncodedBatch.of(
                    List.of(new EncodedContext(new int[] {7, 4}, 1, new int[] {4}, new float[] {-1f, 1f})),
                    List.of(List.of(new EncodedCandidate(new int[] {4, 3}))),
                    2,
                    5);
            assertThat(score(model, alone)[0]).isCloseTo(together[3], within(1e-6f));
        }
    }
}

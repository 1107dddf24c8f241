package io.dinserving.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.nn.ModelConfig.Activation;
import io.dinserving.nn.ModelConfig.Variant;
import io.dinserving.nn.ModelConfig.WeightNormalization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled graph must score exactly what the training graph scores, for every architecture the
 * trainer can write: each variant, activation, weight normalisation and batch-norm setting, PReLU
 * slopes on either side of 1, one request or several in a pass, profile and numeric features, and a
 * history that is empty.
 */
class CompiledDinTest {

    static Stream<Arguments> architectures() {
        List<Arguments> all = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            for (Activation activation : Activation.values()) {
                for (WeightNormalization normalization : WeightNormalization.values()) {
                    for (boolean batchNorm : new boolean[] {false, true}) {
                        for (float[] slopes : new float[][] {{-0.4f, 0.9f}, {1f, 1.8f}, {-0.3f, 1.6f}}) {
                            if (activation == Activation.DICE && slopes[0] != -0.4f) {
                                continue; // Dice's alpha has no special forms
                            }
                            if (variant != Variant.DIN && normalization != WeightNormalization.NONE) {
                                continue; // only attention normalises weights
                            }
                            all.add(Arguments.of(
                                    new ModelConfig(
                                            variant,
                                            4,
                                            List.of(12, 6),
                                            List.of(10, 5),
                                            activation,
                                            normalization,
                                            batchNorm,
                                            0.3f),
                                    slopes[0],
                                    slopes[1]));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void scoresEqualTheTrainingGraph(ModelConfig config, float slopeFrom, float slopeTo) throws Exception {
        try (Model model = DinBlockTest.newModel(config)) {
            randomise(model, slopeFrom, slopeTo, new Random(config.hashCode()));
            try (CompiledDin compiled = CompiledDin.compile((DinBlock) model.getBlock(), model.getNDManager())) {
                for (EncodedBatch batch : List.of(
                        DinBlockTest.batch(5),
                        oneRequest(),
                        withEmptyHistory(),
                        oneCandidateEach(),
                        moreCandidatesThanAChunk())) {
                    float[] reference = DinBlockTest.score(model, batch);
                    assertThat(compiled.score(batch)).containsExactly(reference, within(1e-5f));
                }
            }
        }
    }

    /**
     * A pass of many requests, some with one candidate, some with several and one with enough to run
     * on its own, of different history lengths, scores each request as a pass of it alone does.
     */
    @ParameterizedTest
    @MethodSource("architectures")
    void aMixedPassScoresEachRequestAsItScoresAlone(ModelConfig config, float slopeFrom, float slopeTo)
            throws Exception {
        try (Model model = DinBlockTest.newModel(config)) {
            randomise(model, slopeFrom, slopeTo, new Random(config.hashCode()));
            try (CompiledDin compiled = CompiledDin.compile((DinBlock) model.getBlock(), model.getNDManager())) {
                Random random = new Random(7);
                List<EncodedContext> contexts = new java.util.ArrayList<>();
                List<List<EncodedCandidate>> candidates = new java.util.ArrayList<>();
                for (int r = 0; r < 9; r++) {
                    int length = random.nextInt(5); // 0 to 4 behaviours
                    int[] history = new int[2 * length];
                    for (int i = 0; i < history.length; i++) {
                        history[i] = 3 + random.nextInt(7);
                    }
                    contexts.add(new EncodedContext(
                            history, length, new int[] {2 + random.nextInt(3)}, new float[] {random.nextFloat(), 0f}));
                    List<EncodedCandidate> own = new java.util.ArrayList<>();
                    // one request large enough to run on its own, beside small ones run together
                    int n = r == 4 ? CompiledAttention.OWN_PASS_CANDIDATES + 3 : r % 3 == 0 ? 5 : 1;
                    for (int c = 0; c < n; c++) {
                        own.add(new EncodedCandidate(new int[] {3 + random.nextInt(7), 2 + random.nextInt(4)}));
                    }
                    candidates.add(own);
                }
                float[] mixed =
                        compiled.score(EncodedBatch.of(contexts, candidates, 2, EncodedBatch.longestHistory(contexts)));
                int at = 0;
                for (int r = 0; r < contexts.size(); r++) {
                    List<EncodedContext> one = List.of(contexts.get(r));
                    float[] alone = compiled.score(
                            EncodedBatch.of(one, List.of(candidates.get(r)), 2, EncodedBatch.longestHistory(one)));
                    assertThat(java.util.Arrays.copyOfRange(mixed, at, at + alone.length))
                            .as("request %d", r)
                            .containsExactly(alone, within(1e-5f));
                    at += alone.length;
                }
            }
        }
    }

    /** Explaining scores the same, and each candidate gets one weight per behaviour of its request. */
    @ParameterizedTest
    @MethodSource("architectures")
    void explainedScoresEqualThePlainOnesWithWeightsAsTheVariantDefines(
            ModelConfig config, float slopeFrom, float slopeTo) throws Exception {
        try (Model model = DinBlockTest.newModel(config)) {
            randomise(model, slopeFrom, slopeTo, new Random(config.hashCode()));
            try (CompiledDin compiled = CompiledDin.compile((DinBlock) model.getBlock(), model.getNDManager())) {
                Map<EncodedBatch, int[]> lengths = Map.of(
                        DinBlockTest.batch(5), new int[] {3, 1},
                        oneRequest(), new int[] {4},
                        withEmptyHistory(), new int[] {0, 1},
                        oneCandidateEach(), new int[] {2, 1},
                        moreCandidatesThanAChunk(), new int[] {LONG_HISTORY});
                for (Map.Entry<EncodedBatch, int[]> e : lengths.entrySet()) {
                    EncodedBatch batch = e.getKey();
                    CompiledDin.Explanation explained = compiled.explain(batch, e.getValue());
                    assertThat(explained.scores()).containsExactly(compiled.score(batch), within(1e-6f));
                    for (int c = 0; c < batch.candidates(); c++) {
                        float[] weights = explained.weights()[c];
                        int length = e.getValue()[batch.candidateRequest()[c]];
                        switch (config.variant()) {
                            case ITEM_ONLY -> assertThat(weights).isEmpty();
                            case BASE -> {
                                assertThat(weights).hasSize(length);
                                for (float w : weights) {
                                    assertThat(w).isEqualTo(1f);
                                }
                            }
                            case DIN -> {
                                assertThat(weights).hasSize(length);
                                if (config.weightNormalization() == ModelConfig.WeightNormalization.SOFTMAX
                                        && length > 0) {
                                    double sum = 0;
                                    for (float w : weights) {
                                        sum += w;
                                    }
                                    assertThat(sum).isCloseTo(1.0, within(1e-5));
                                }
                                if (config.weightNormalization() == ModelConfig.WeightNormalization.SIGMOID) {
                                    for (float w : weights) {
                                        assertThat(w).isBetween(0f, 1f);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** One request with four candidates: the broadcast path serving takes for a single page. */
    static EncodedBatch oneRequest() {
        EncodedContext context =
                new EncodedContext(new int[] {4, 5, 6, 9, 3, 3, 4, 5}, 4, new int[] {3}, new float[] {0.25f, 0f});
        List<EncodedCandidate> candidates = List.of(
                new EncodedCandidate(new int[] {8, 3}),
                new EncodedCandidate(new int[] {9, 5}),
                new EncodedCandidate(new int[] {1, 2}),
                new EncodedCandidate(new int[] {4, 4}));
        return EncodedBatch.of(List.of(context), List.of(candidates), 2, 4);
    }

    static final int LONG_HISTORY = 20;

    /**
     * One request whose candidates the pass splits into chunks (three at 20 behaviours): the path a
     * page of a thousand candidates takes.
     */
    static EncodedBatch moreCandidatesThanAChunk() {
        Random random = new Random(11);
        int[] history = new int[2 * LONG_HISTORY]; // pair-major: all items, then all categories
        for (int t = 0; t < LONG_HISTORY; t++) {
            history[t] = 3 + random.nextInt(7);
            history[LONG_HISTORY + t] = 2 + random.nextInt(4);
        }
        EncodedContext context = new EncodedContext(history, LONG_HISTORY, new int[] {3}, new float[] {0.5f, 1f});
        int count = 2 * CompiledAttention.chunkCandidates(LONG_HISTORY) + 5;
        List<EncodedCandidate> candidates = new java.util.ArrayList<>();
        for (int c = 0; c < count; c++) {
            candidates.add(new EncodedCandidate(new int[] {3 + random.nextInt(7), 2 + random.nextInt(4)}));
        }
        return EncodedBatch.of(List.of(context), List.of(candidates), 2, LONG_HISTORY);
    }

    /** As many requests as candidates, as shuffled training batches are. */
    static EncodedBatch oneCandidateEach() {
        EncodedContext a = new EncodedContext(new int[] {4, 5, 3, 3}, 2, new int[] {3}, new float[] {0.5f, 0f});
        EncodedContext b = new EncodedContext(new int[] {7, 4}, 1, new int[] {4}, new float[] {-1f, 1f});
        return EncodedBatch.of(
                List.of(a, b),
                List.of(List.of(new EncodedCandidate(new int[] {8, 3})), List.of(new EncodedCandidate(new int[] {9, 5
                }))),
                2,
                3);
    }

    /** A user with no behaviours beside one with some. */
    static EncodedBatch withEmptyHistory() {
        EncodedContext none = new EncodedContext(new int[0], 0, new int[] {2}, new float[] {0f, 1f});
        EncodedContext some = new EncodedContext(new int[] {7, 4}, 1, new int[] {4}, new float[] {-1f, 0f});
        return EncodedBatch.of(
                List.of(none, some),
                List.of(
                        List.of(new EncodedCandidate(new int[] {8, 3}), new EncodedCandidate(new int[] {9, 5})),
                        List.of(new EncodedCandidate(new int[] {4, 3}))),
                2,
                1);
    }

    /**
     * Fresh parameters are too tame to tell the forms apart (running variance 1, mean 0, slopes
     * 0.25), so every parameter gets random values: slopes in the given range, positive variances.
     */
    static void randomise(Model model, float slopeFrom, float slopeTo, Random random) {
        for (var entry : model.getBlock().getParameters()) {
            String name = entry.getKey();
            Parameter parameter = entry.getValue();
            NDArray array = parameter.getArray();
            float[] values = new float[Math.toIntExact(array.size())];
            for (int i = 0; i < values.length; i++) {
                if (name.endsWith("alpha")) {
                    values[i] = slopeFrom + (slopeTo - slopeFrom) * random.nextFloat();
                } else if (name.endsWith("runningVar")) {
                    values[i] = 0.2f + 2f * random.nextFloat();
                } else if (name.endsWith("gamma")) {
                    values[i] = 0.5f + random.nextFloat();
                } else {
                    values[i] = (float) random.nextGaussian() * 0.5f;
                }
            }
            array.set(values);
        }
    }
}

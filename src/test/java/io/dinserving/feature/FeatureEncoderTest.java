package io.dinserving.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    private final FeatureSpec spec = FeatureSpec.forBehaviourLogs(
            true,
            List.of(CategoricalFeature.user("gender")),
            List.of(
                    NumericFeature.user("age", Normalization.Z_SCORE, true),
                    NumericFeature.user("price", Normalization.MIN_MAX, false)),
            3);
    private final FeatureEncoder encoder = new FittedFeatures(
                    spec,
                    Map.of(
                            "itemId",
                            new Vocabulary(List.of("i1", "i2", "i3", "i4", "i5")),
                            "category",
                            new Vocabulary(List.of("c1", "c2")),
                            "gender",
                            new Vocabulary(List.of("F", "M"))),
                    Map.of("age", new NumericStats(30, 10, 10, 60), "price", new NumericStats(5, 2, 0, 10)),
                    null)
            .encoder();

    private static List<String> b(String item, String category) {
        return Arrays.asList(item, category);
    }

    /** A value outside the training range encodes as the range's end: the model never saw beyond it. */
    @Test
    void numericValuesAreClippedToTheTrainingRange() {
        NumericStats age = new NumericStats(30, 10, 10, 60);
        assertThat(age.normalize(1e30, FeatureSpec.Normalization.Z_SCORE))
                .isEqualTo(age.normalize(60.0, FeatureSpec.Normalization.Z_SCORE))
                .isEqualTo(3f);
        assertThat(age.normalize(-5.0, FeatureSpec.Normalization.MIN_MAX)).isEqualTo(0f);
        assertThat(age.normalize(35.0, FeatureSpec.Normalization.Z_SCORE)).isEqualTo(0.5f);
    }

    @Test
    void truncationKeepsTheMostRecentBehaviours() {
        List<List<String>> history = List.of(b("i1", "c1"), b("i2", "c1"), b("i3", "c2"), b("i4", "c2"), b("i5", "c1"));
        EncodedContext ctx = encoder.encodeContext(new RawContext(history, Map.of(), Map.of()));
        assertThat(ctx.length()).isEqualTo(3);
        // pair-major: items of the last three behaviours (i3, i4, i5), then their categories
        assertThat(ctx.historyIds()).containsExactly(5, 6, 7, 4, 4, 3);
    }

    @Test
    void unknownIdsMapToOutOfVocabularyAndAbsentOnesToMissing() {
        EncodedContext ctx =
                encoder.encodeContext(new RawContext(List.of(b("never-seen", null)), Map.of("gender", "X"), Map.of()));
        assertThat(ctx.historyIds()).containsExactly(Vocabulary.OUT_OF_VOCABULARY, Vocabulary.MISSING);
        assertThat(ctx.profileIds()).containsExactly(Vocabulary.OUT_OF_VOCABULARY);
        assertThat(encoder.encodeCandidate(b("i2", "nope")).ids()).containsExactly(4, Vocabulary.OUT_OF_VOCABULARY);
    }

    @Test
    void numericValuesAreNormalisedAndMissingOnesTakeTheMeanWithAFlag() {
        Map<String, Double> numeric = new HashMap<>();
        numeric.put("age", 50.0);
        numeric.put("price", 2.5);
        assertThat(encoder.encodeContext(new RawContext(List.of(), Map.of(), numeric))
                        .numeric())
                .containsExactly(new float[] {2f, 0f, 0.25f}, within(1e-6f));
        numeric.put("age", null);
        numeric.remove("price");
        assertThat(encoder.encodeContext(new RawContext(List.of(), Map.of(), numeric))
                        .numeric())
                .containsExactly(new float[] {0f, 1f, 0.5f}, within(1e-6f));
    }

    @Test
    void compactBatchStoresEachHistoryOnceAndPadsWithZero() {
        EncodedContext a = encoder.encodeContext(new RawContext(List.of(b("i1", "c1")), Map.of(), Map.of()));
        EncodedContext c =
                encoder.encodeContext(new RawContext(List.of(b("i2", "c2"), b("i3", "c1")), Map.of(), Map.of()));
        List<List<EncodedCandidate>> candidates = new ArrayList<>();
        candidates.add(List.of(encoder.encodeCandidate(b("i4", "c1")), encoder.encodeCandidate(b("i5", "c2"))));
        candidates.add(List.of(encoder.encodeCandidate(b("i1", "c1"))));
        EncodedBatch batch = encoder.batch(List.of(a, c), candidates);
        assertThat(batch.requests()).isEqualTo(2);
        assertThat(batch.candidates()).isEqualTo(3);
        assertThat(batch.candidateRequest()).containsExactly(0, 0, 1);
        assertThat(batch.historyIds()).containsExactly(3, 0, 0, /* cats */ 3, 0, 0, 4, 5, 0, /* cats */ 4, 3, 0);
    }

    @Test
    void aBehaviourWithTheWrongNumberOfValuesIsRejected() {
        assertThatThrownBy(() -> encoder.encodeContext(new RawContext(List.of(List.of("i1")), Map.of(), Map.of())))
                .hasMessageContaining("behaviour 0 has 1 values, expected 2");
    }
}

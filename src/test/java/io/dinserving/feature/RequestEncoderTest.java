package io.dinserving.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {

    private final FeatureSpec spec = FeatureSpec.forBehaviourLogs(true, List.of(new CategoricalFeature("gender")),
            List.of(new NumericFeature("age", Normalization.NONE, false)), 10);
    private final RequestEncoder encoder = new RequestEncoder(new FeatureEncoder(spec,
            Map.of("itemId", new Vocabulary(List.of("a", "b")), "category", new Vocabulary(List.of("x", "y")),
                    "gender", new Vocabulary(List.of("F", "M"))),
            Map.of("age", new NumericStats(30, 1, 0, 99))), Map.of("a", "x", "b", "y"));

    @Test
    void aMissingCategoryComesFromTheCatalogue() {
        EncodedRequest r = encoder.encode(List.of(new Item("b", null)),
                List.of(new Item("a", null), new Item("a", "y"), new Item("zzz", null)), Map.of());
        assertThat(r.context().historyIds()).containsExactly(4, 4); // b, and its catalogue category y
        assertThat(r.candidates()).extracting(c -> List.of(c.ids()[0], c.ids()[1]))
                .containsExactly(List.of(3, 3), List.of(3, 4), List.of(Vocabulary.OUT_OF_VOCABULARY, Vocabulary.MISSING));
    }

    @Test
    void featuresGoToTheirInputsByName() {
        EncodedRequest r = encoder.encode(List.of(), List.of(new Item("a", null)), Map.of("gender", "M", "age", 41));
        assertThat(r.context().profileIds()).containsExactly(4);
        assertThat(r.context().numeric()).containsExactly(41f);
        Map<String, Object> missing = new HashMap<>();
        missing.put("age", null);
        assertThat(encoder.encode(List.of(), List.of(new Item("a", null)), missing).context().numeric()).containsExactly(30f);
        assertThat(encoder.encode(List.of(), List.of(new Item("a", null)), Map.of("age", "52.5")).context().numeric())
                .containsExactly(52.5f);
    }

    @Test
    void unknownNamesAndWrongTypesAreRefusedNamingTheFeature() {
        assertThatThrownBy(() -> encoder.encode(List.of(), List.of(new Item("a", null)), Map.of("shoeSize", 44)))
                .isInstanceOfSatisfying(InvalidFeatureException.class, e -> assertThat(e.feature()).isEqualTo("shoeSize"));
        assertThatThrownBy(() -> encoder.encode(List.of(), List.of(new Item("a", null)), Map.of("age", "old")))
                .isInstanceOfSatisfying(InvalidFeatureException.class, e -> assertThat(e.feature()).isEqualTo("age"));
        assertThatThrownBy(() -> encoder.encode(List.of(), List.of(new Item("a", null)), Map.of("gender", Map.of("x", 1))))
                .hasMessageContaining("must be a string or a number");
    }

    @Test
    void candidatesThatEncodeAlikeShareOneRow() {
        EncodedRequest r = encoder.encode(List.of(), List.of(new Item("u1", null), new Item("a", null),
                new Item("u2", null)), Map.of());
        DistinctCandidates distinct = DistinctCandidates.of(r);
        assertThat(distinct.request().candidates()).hasSize(2);
        assertThat(distinct.expand(new float[] {0.25f, 0.75f})).containsExactly(0.25f, 0.75f, 0.25f);
    }
}

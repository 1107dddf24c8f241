package io.dinserving.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.FeatureSpec.Source;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {

    /** An item with two attributes, a user feature and a context feature of each kind. */
    private final FeatureSpec spec = new FeatureSpec(
            List.of(
                    AttentionPair.item("sku", "historySkus"),
                    AttentionPair.attribute("category", "historyCategories"),
                    AttentionPair.attribute("brand", "historyBrands")),
            List.of(CategoricalFeature.user("gender"), CategoricalFeature.context("device")),
            List.of(
                    NumericFeature.user("age", Normalization.NONE, false),
                    new NumericFeature("hour", Source.CONTEXT, Normalization.NONE, false)),
            10);

    private final RequestEncoder encoder = new RequestEncoder(new FittedFeatures(
                    spec,
                    Map.of(
                            "sku",
                            new Vocabulary(List.of("a", "b")),
                            "category",
                            new Vocabulary(List.of("x", "y")),
                            "brand",
                            new Vocabulary(List.of("acme", "zeta")),
                            "gender",
                            new Vocabulary(List.of("F", "M")),
                            "device",
                            new Vocabulary(List.of("ios", "web"))),
                    Map.of("age", new NumericStats(30, 1, 0, 99), "hour", new NumericStats(12, 1, 0, 23)),
                    new ItemCatalogue(Map.of("category", Map.of("a", "x", "b", "y"), "brand", Map.of("a", "zeta"))))
            .encoder());

    private static Item item(String id, String... attributes) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            values.put(attributes[i], attributes[i + 1]);
        }
        return new Item(id, values);
    }

    @Test
    void eachMissingAttributeComesFromTheCatalogueAndAGivenOneWins() {
        EncodedRequest r = encoder.encode(
                List.of(Item.of("b")),
                List.of(
                        Item.of("a"),
                        item("a", "category", "y", "brand", "acme"),
                        Item.of("zzz"),
                        item("b", "brand", "zeta")),
                Map.of(),
                Map.of());
        // b's own tokens: sku b, its catalogue category y, and no brand anywhere
        assertThat(r.context().historyIds()).containsExactly(4, 4, Vocabulary.MISSING);
        assertThat(r.candidates())
                .extracting(c -> List.of(c.ids()[0], c.ids()[1], c.ids()[2]))
                .containsExactly(
                        List.of(3, 3, 4), List.of(3, 4, 3),
                        List.of(Vocabulary.OUT_OF_VOCABULARY, Vocabulary.MISSING, Vocabulary.MISSING),
                                List.of(4, 4, 4));
    }

    @Test
    void userAndContextValuesGoToTheFeaturesDeclaredForThem() {
        EncodedRequest r = encoder.encode(
                List.of(),
                List.of(Item.of("a")),
                Map.of("gender", "M", "age", 41),
                Map.of("device", "web", "hour", 20, "weather", "rain"));
        assertThat(r.context().profileIds()).containsExactly(4, 4);
        assertThat(r.context().numeric()).containsExactly(41f, 20f);
        Map<String, Object> missing = new HashMap<>();
        missing.put("age", null);
        assertThat(encoder.encode(List.of(), List.of(Item.of("a")), missing, Map.of())
                        .context()
                        .numeric())
                .containsExactly(30f, 12f);
    }

    @Test
    void unknownUserFeaturesWrongSourcesAndWrongTypesAreRefusedNamingTheFeature() {
        assertThatThrownBy(() -> encoder.encode(List.of(), List.of(Item.of("a")), Map.of("shoeSize", 44), Map.of()))
                .isInstanceOfSatisfying(InvalidFeatureException.class, e -> {
                    assertThat(e.feature()).isEqualTo("shoeSize");
                    assertThat(e.source()).isEqualTo(Source.USER);
                })
                .hasMessageContaining("[gender, age]");
        assertThatThrownBy(() -> encoder.encode(List.of(), List.of(Item.of("a")), Map.of("hour", 3), Map.of()))
                .hasMessage("'hour' is a context feature; send it in context");
        assertThatThrownBy(() -> encoder.encode(List.of(), List.of(Item.of("a")), Map.of(), Map.of("gender", "F")))
                .isInstanceOfSatisfying(
                        InvalidFeatureException.class,
                        e -> assertThat(e.source()).isEqualTo(Source.CONTEXT))
                .hasMessage("'gender' is a user feature; send it in userFeatures");
        assertThatThrownBy(() -> encoder.encode(List.of(), List.of(Item.of("a")), Map.of("age", "52.5"), Map.of()))
                .hasMessage("feature 'age' is numeric; send a JSON number, was the string \"52.5\"");
        assertThatThrownBy(() ->
                        encoder.encode(List.of(), List.of(Item.of("a")), Map.of("gender", Map.of("x", 1)), Map.of()))
                .hasMessage("feature 'gender' takes a string or a number, was an object");
    }

    @Test
    void candidatesThatEncodeAlikeShareOneRow() {
        EncodedRequest r =
                encoder.encode(List.of(), List.of(Item.of("u1"), Item.of("a"), Item.of("u2")), Map.of(), Map.of());
        DistinctCandidates distinct = DistinctCandidates.of(r);
        assertThat(distinct.request().candidates()).hasSize(2);
        assertThat(distinct.expand(new float[] {0.25f, 0.75f})).containsExactly(0.25f, 0.75f, 0.25f);
    }
}

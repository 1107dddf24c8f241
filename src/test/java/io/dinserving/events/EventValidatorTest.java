package io.dinserving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.feature.NumericStats;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.feature.Vocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    static final FeatureSpec SPEC = new FeatureSpec(
            List.of(
                    FeatureSpec.AttentionPair.item("itemId", "history"),
                    FeatureSpec.AttentionPair.attribute("category", "historyCategories")),
            List.of(CategoricalFeature.user("gender")),
            List.of(FeatureSpec.NumericFeature.user("income", FeatureSpec.Normalization.Z_SCORE, false)),
            10);

    static final RequestEncoder ENCODER = new RequestEncoder(new FittedFeatures(
                    SPEC,
                    Map.of(
                            "itemId", new Vocabulary(List.of("a")),
                            "category", new Vocabulary(List.of("c1")),
                            "gender", new Vocabulary(List.of("F", "M"))),
                    Map.of("income", new NumericStats(50, 10, 20, 90)),
                    new ItemCatalogue(Map.of()))
            .encoder());

    final EventValidator validator = new EventValidator(3, 8);

    static EventBatch.BehaviourEvent event(String user, String item, Long time) {
        return new EventBatch.BehaviourEvent("e1", user, item, time, "click", Map.of("category", "c1"), null);
    }

    static EventBatch.ProfileUpdate profile(String user, Map<String, Object> features) {
        return new EventBatch.ProfileUpdate(user, features, null);
    }

    String refusedField(EventBatch batch) {
        try {
            validator.validate(batch, user -> ENCODER);
        } catch (InvalidEventException e) {
            return e.field();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aValidBatchIsGroupedByUser() {
        ValidBatch valid = validator.validate(
                new EventBatch(
                        List.of(event("u1", "a", 1L), event("u2", "b", 2L)),
                        List.of(profile("u1", Map.of("gender", "F", "income", 61.5))),
                        null),
                user -> ENCODER);

        assertThat(valid.behaviours()).containsOnlyKeys("u1", "u2");
        assertThat(valid.behaviours().get("u1").get(0).attributes()).isEqualTo(Map.of("category", "c1"));
        assertThat(valid.profiles()).isEqualTo(Map.of("u1", Map.of("gender", "F", "income", 61.5)));
        assertThat(valid.events()).isEqualTo(2);
    }

    @Test
    void eachMistakeIsNamedByItsField() {
        assertThat(refusedField(new EventBatch(List.of(event(" ", "a", 1L)), null, null)))
                .isEqualTo("events[0].userId");
        assertThat(refusedField(
                        new EventBatch(List.of(event("u1", "a", 1L), event("u1", "a-long-item-id", 1L)), null, null)))
                .isEqualTo("events[1].itemId");
        assertThat(refusedField(new EventBatch(List.of(event("u1", "a", -1L)), null, null)))
                .isEqualTo("events[0].timestamp");
        assertThat(refusedField(new EventBatch(
                        List.of(new EventBatch.BehaviourEvent(null, "u1", "a", 1L, null, Map.of("category", 3), null)),
                        null,
                        null)))
                .isEqualTo("events[0].attributes.category");
        assertThat(refusedField(new EventBatch(
                        List.of(new EventBatch.BehaviourEvent(
                                null, "u1", "a", 1L, null, null, Map.of("timestamps", 1))),
                        null,
                        null)))
                .isEqualTo("events[0].timestamps");
        assertThat(refusedField(new EventBatch(null, List.of(profile("u1", Map.of("gendre", "F"))), null)))
                .isEqualTo("profiles[0].features.gendre");
        assertThat(refusedField(new EventBatch(null, List.of(profile("u1", Map.of("income", "high"))), null)))
                .isEqualTo("profiles[0].features.income");
        assertThat(refusedField(new EventBatch(null, null, null))).isEqualTo("events");
        assertThat(refusedField(new EventBatch(
                        List.of(event("u1", "a", 1L), event("u1", "a", 2L), event("u1", "a", 3L)),
                        List.of(profile("u1", Map.of("gender", "F"))),
                        null)))
                .isEqualTo("profiles");
    }

    @Test
    void aNullProfileValueRemovesIt() {
        Map<String, Object> features = new HashMap<>();
        features.put("income", null);

        ValidBatch valid =
                validator.validate(new EventBatch(null, List.of(profile("u1", features)), null), u -> ENCODER);

        assertThat(valid.profiles().get("u1")).containsEntry("income", null);
    }

    @Test
    void aMisspeltFeatureGetsTheClosestName() {
        assertThatThrownBy(() -> validator.validate(
                        new EventBatch(null, List.of(profile("u1", Map.of("gendre", "F"))), null), u -> ENCODER))
                .hasMessageContaining("did you mean 'gender'?");
    }
}

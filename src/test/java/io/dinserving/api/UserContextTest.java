package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.feature.FittedFeatures;
import io.dinserving.feature.Item;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.feature.NumericStats;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.feature.Vocabulary;
import io.dinserving.users.Behaviour;
import io.dinserving.users.HistoryMode;
import io.dinserving.users.InMemoryUserStore;
import io.dinserving.users.UserStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored profile and history as a version takes them: what it lacks is left out, never refused. */
class UserContextTest {

    static final RequestEncoder ENCODER = new RequestEncoder(new FittedFeatures(
                    RecommendErrorsWebMvcTest.StubScoring.SPEC,
                    Map.of(
                            "itemId", new Vocabulary(List.of("a", "b")),
                            "category", new Vocabulary(List.of("c1")),
                            "gender", new Vocabulary(List.of("F", "M"))),
                    Map.of("income", new NumericStats(50, 10, 20, 90)),
                    new ItemCatalogue(Map.of()))
            .encoder());

    final InMemoryUserStore store = new InMemoryUserStore(10, 1 << 20);
    final UserContext users = new UserContext(store);

    static ValidRequest request(String userId, Map<String, Object> userFeatures, HistoryMode mode) {
        RecommendRequest request = new RecommendRequest(
                userId, null, List.of(ItemRef.of("a")), userFeatures, null, null, null, null, null);
        return new ValidRequest(
                request, List.of("a"), List.of(Item.of("a")), null, mode, List.of(), userFeatures, null, 1, List.of());
    }

    @Test
    void theStoredProfileFillsWhatTheRequestLeftOutAndTheRequestWins() {
        store.updateProfile("u1", Map.of("gender", "F", "income", 60));

        ValidRequest completed = users.complete(request("u1", Map.of("gender", "M"), HistoryMode.REQUEST), ENCODER);

        assertThat(completed.userFeatures()).isEqualTo(Map.of("gender", "M", "income", 60));
        assertThat(completed.warnings()).isEmpty();
    }

    @Test
    void storedValuesTheVersionCannotTakeAreLeftOutWithAWarning() {
        store.updateProfile("u1", Map.of("income", "high", "age", 31));

        ValidRequest completed = users.complete(request("u1", null, HistoryMode.REQUEST), ENCODER);

        assertThat(completed.userFeatures()).isEqualTo(Map.of());
        assertThat(completed.warnings())
                .extracting(FieldWarnings.Warning::field)
                .containsExactly("userFeatures.income"); // age: a feature of another version, silently
    }

    @Test
    void storedAttributesTheVersionLacksAreLeftOut() {
        store.append("u1", List.of(new Behaviour("e1", "b", 10L, "click", Map.of("category", "c1", "brand", "x"))));

        ValidRequest completed = users.complete(request("u1", null, HistoryMode.STORE), ENCODER);

        assertThat(completed.behaviours()).containsExactly(new Item("b", Map.of("category", "c1")));
        assertThat(completed.history()).isEqualTo(new HistoryUsed("store", 1));
    }

    /** With the history sent, a store that does not answer costs the stored profile, not the ranking. */
    @Test
    void aStoreThatDoesNotAnswerLeavesOutTheProfileWhenTheHistoryWasSent() {
        UserContext failing = new UserContext(new UserStore() {
            @Override
            public java.util.Optional<io.dinserving.users.UserState> find(String userId) {
                throw new org.springframework.dao.QueryTimeoutException("Redis did not answer");
            }

            @Override
            public io.dinserving.users.Appended append(String userId, List<Behaviour> behaviours) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void updateProfile(String userId, Map<String, Object> values) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int maxBehaviours() {
                return 10;
            }
        });
        ValidRequest sent = new ValidRequest(
                request("u1", null, HistoryMode.REQUEST).request(),
                List.of("a"),
                List.of(Item.of("a")),
                List.of(new Behaviour(null, "b", null, null, Map.of())),
                HistoryMode.REQUEST,
                List.of(Item.of("b")),
                null,
                null,
                1,
                List.of());

        ValidRequest completed = failing.complete(sent, ENCODER);

        assertThat(completed.behaviours()).containsExactly(Item.of("b"));
        assertThat(completed.warnings())
                .extracting(FieldWarnings.Warning::message)
                .containsExactly("the user store did not answer; scored without the stored profile");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> failing.complete(request("u1", null, HistoryMode.REQUEST), ENCODER))
                .isInstanceOf(UserStoreUnavailableException.class);
    }
}

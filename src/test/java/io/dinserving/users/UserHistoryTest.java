package io.dinserving.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserHistoryTest {

    static Behaviour at(String item, long time) {
        return new Behaviour(null, item, time, "click", Map.of());
    }

    static Behaviour event(String id, String item, long time) {
        return new Behaviour(id, item, time, "click", Map.of());
    }

    static List<String> items(List<Behaviour> behaviours) {
        return behaviours.stream().map(Behaviour::itemId).toList();
    }

    @Test
    void aLateEventTakesItsPlaceInTime() {
        List<Behaviour> kept = List.of(at("a", 10), at("c", 30));

        UserHistory.Merged merged = UserHistory.insert(kept, List.of(at("d", 40), at("b", 20)), 10);

        assertThat(items(merged.behaviours())).containsExactly("a", "b", "c", "d");
        assertThat(merged.appended()).isEqualTo(new Appended(2, 0, 0));
    }

    @Test
    void aResentEventIsADuplicateByIdOrByItemAndTime() {
        List<Behaviour> kept = List.of(event("e1", "a", 10), at("b", 20));

        UserHistory.Merged merged = UserHistory.insert(
                kept,
                List.of(
                        event("e1", "a", 10), // same id
                        at("b", 20), // no id: same item and time
                        at("b", 21), // the same item later is a new behaviour
                        event("e2", "c", 30),
                        event("e2", "c", 30)), // twice in one batch
                10);

        assertThat(items(merged.behaviours())).containsExactly("a", "b", "b", "c");
        assertThat(merged.appended()).isEqualTo(new Appended(2, 3, 0));
    }

    @Test
    void aFullHistoryKeepsTheLatestAndCountsOlderEventsAsStale() {
        List<Behaviour> kept = List.of(at("a", 10), at("b", 20), at("c", 30));

        UserHistory.Merged merged = UserHistory.insert(kept, List.of(at("old", 5), at("d", 40)), 3);

        assertThat(items(merged.behaviours())).containsExactly("b", "c", "d");
        assertThat(merged.appended()).isEqualTo(new Appended(1, 0, 1));
    }

    @Test
    void equalTimesKeepTheirArrivalOrderAfterWhatIsKept() {
        List<Behaviour> kept = List.of(at("a", 10));

        UserHistory.Merged merged = UserHistory.insert(kept, List.of(at("b", 10), at("c", 10)), 10);

        assertThat(items(merged.behaviours())).containsExactly("a", "b", "c");
    }

    /** A request's behaviours without a time are the newest, in the order sent, and never merged away. */
    @Test
    void behavioursWithoutTimeComeLastAndAreNeverDuplicates() {
        Behaviour untimed = new Behaviour(null, "x", null, null, Map.of());
        List<Behaviour> kept = List.of(at("a", 10), at("b", 20));

        UserHistory.Merged merged = UserHistory.insert(kept, List.of(untimed, untimed, at("c", 15)), 10);

        assertThat(items(merged.behaviours())).containsExactly("a", "c", "b", "x", "x");
        assertThat(merged.appended()).isEqualTo(new Appended(3, 0, 0));
    }

    @Test
    void anAttributeSentAsNullIsLeftOut() {
        java.util.Map<String, String> attributes = new java.util.HashMap<>();
        attributes.put("category", null);
        attributes.put("brand", "b1");

        assertThat(new Behaviour(null, "a", null, null, attributes).attributes())
                .isEqualTo(Map.of("brand", "b1"));
    }
}

package io.dinserving.users;

import static io.dinserving.users.UserHistoryTest.at;
import static io.dinserving.users.UserHistoryTest.items;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryUserStoreTest {

    @Test
    void keepsEachUsersLatestBehavioursInTimeOrder() {
        InMemoryUserStore store = new InMemoryUserStore(3, 1 << 20);

        store.append("u1", List.of(at("a", 10), at("c", 30)));
        store.append("u1", List.of(at("b", 20), at("d", 40)));

        assertThat(items(store.find("u1").orElseThrow().behaviours())).containsExactly("b", "c", "d");
        assertThat(store.find("u2")).isEmpty();
    }

    @Test
    void staysWithinItsBytesAndEvictsTheLeastRecentlyUsed() {
        InMemoryUserStore probe = new InMemoryUserStore(10, 1 << 20);
        probe.append("u0", List.of(at("item", 1)));
        long perUser = probe.bytes();
        InMemoryUserStore store = new InMemoryUserStore(10, perUser * 3);

        store.append("u1", List.of(at("item", 1)));
        store.append("u2", List.of(at("item", 1)));
        store.append("u3", List.of(at("item", 1)));
        store.find("u1"); // a ranking for u1 makes u2 the least recently used
        store.append("u4", List.of(at("item", 1)));

        assertThat(store.users()).isEqualTo(3);
        assertThat(store.bytes()).isLessThanOrEqualTo(perUser * 3);
        assertThat(store.find("u2")).isEmpty();
        assertThat(store.find("u1")).isPresent();
        assertThat(store.find("u4")).isPresent();
        assertThat(store.evictions()).isEqualTo(1);
    }

    @Test
    void aUserWithLongerIdsWeighsMore() {
        InMemoryUserStore shortIds = new InMemoryUserStore(10, 1 << 20);
        InMemoryUserStore longIds = new InMemoryUserStore(10, 1 << 20);

        shortIds.append("u", List.of(at("i", 1)));
        longIds.append("u", List.of(at("i".repeat(100), 1)));

        assertThat(longIds.bytes()).isGreaterThan(shortIds.bytes() + 190);
    }

    @Test
    void profileUpdatesSetAndRemoveValuesAndLeaveTheOthers() {
        InMemoryUserStore store = new InMemoryUserStore(10, 1 << 20);
        store.updateProfile("u1", Map.of("gender", "F", "age", 31));
        Map<String, Object> update = new HashMap<>();
        update.put("age", null);
        update.put("city", "Oslo");

        store.updateProfile("u1", update);

        assertThat(store.find("u1").orElseThrow().profile()).isEqualTo(Map.of("gender", "F", "city", "Oslo"));
    }

    @Test
    void concurrentAppendsLoseNothingAndKeepTimeOrder() throws Exception {
        InMemoryUserStore store = new InMemoryUserStore(1000, 64 << 20);
        int threads = 8;
        int perThread = 100;

        ConcurrentAppends.run(store, threads, perThread);

        List<Behaviour> kept = store.find("u").orElseThrow().behaviours();
        assertThat(kept).hasSize(threads * perThread);
        assertThat(kept).extracting(Behaviour::timestamp).isSorted().doesNotHaveDuplicates();
    }
}

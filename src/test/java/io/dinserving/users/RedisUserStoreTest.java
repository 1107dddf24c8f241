package io.dinserving.users;

import static io.dinserving.users.UserHistoryTest.at;
import static io.dinserving.users.UserHistoryTest.event;
import static io.dinserving.users.UserHistoryTest.items;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis store against a real redis-server: the embedded store's rules, across connections. */
@EnabledIf(value = "io.dinserving.users.RedisServer#installed", disabledReason = RedisServer.MISSING)
class RedisUserStoreTest {

    static RedisServer server;
    static LettuceConnectionFactory connections;
    static StringRedisTemplate redis;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        connections.destroy();
        server.close();
    }

    /** Each test its own key prefix, so tests share the server and not their users. */
    static RedisUserStore store(int maxBehaviours) {
        return new RedisUserStore(redis, "test:" + System.nanoTime() + ":", maxBehaviours, Duration.ofMinutes(5));
    }

    @Test
    void keepsTheLatestInTimeOrderEachEventOnce() {
        RedisUserStore store = store(3);

        assertThat(store.append("u1", List.of(event("e1", "a", 10), at("c", 30))))
                .isEqualTo(new Appended(2, 0, 0));
        assertThat(store.append("u1", List.of(event("e1", "a", 10), at("c", 30), at("b", 20), at("d", 40))))
                .isEqualTo(new Appended(2, 2, 0));
        assertThat(store.append("u1", List.of(at("old", 5)))).isEqualTo(new Appended(0, 0, 1));

        assertThat(items(store.find("u1").orElseThrow().behaviours())).containsExactly("b", "c", "d");
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void anEventTrimmedAwayIsForgottenAsSeen() {
        RedisUserStore store = store(1);
        store.append("u1", List.of(event("e1", "a", 10)));
        store.append("u1", List.of(event("e2", "b", 20)));

        // e1 left the window: resent, it is older than the kept history, so stale, not duplicate.
        assertThat(store.append("u1", List.of(event("e1", "a", 10)))).isEqualTo(new Appended(0, 0, 1));
        assertThat(redis.opsForHash().size(keyOf(store, "u1", "seen"))).isEqualTo(1);
    }

    @Test
    void keepsBehaviourAttributesAndProfileValuesWithTheirTypes() {
        RedisUserStore store = store(10);
        Behaviour withAttributes = new Behaviour("e1", "a", 10L, "purchase", Map.of("category", "c3"));
        store.append("u1", List.of(withAttributes));
        store.updateProfile("u1", Map.of("gender", "F", "age", 31, "income", 52.5));
        Map<String, Object> update = new HashMap<>();
        update.put("age", null);
        store.updateProfile("u1", update);

        UserState state = store.find("u1").orElseThrow();

        assertThat(state.behaviours()).containsExactly(withAttributes);
        assertThat(state.profile()).isEqualTo(Map.of("gender", "F", "income", 52.5));
        assertThat(redis.getExpire(keyOf(store, "u1", "profile"))).isPositive();
        assertThat(redis.getExpire(keyOf(store, "u1", "history"))).isPositive();
    }

    @Test
    void concurrentAppendsFromEightThreadsLoseNothingAndKeepTimeOrder() throws Exception {
        RedisUserStore store = store(1000);
        int threads = 8;
        int perThread = 100;

        ConcurrentAppends.run(store, threads, perThread);

        List<Behaviour> kept = store.find("u").orElseThrow().behaviours();
        assertThat(kept).hasSize(threads * perThread);
        assertThat(kept).extracting(Behaviour::timestamp).isSorted().doesNotHaveDuplicates();
    }

    /** One rule for both stores: random late, resent and equal-time events leave the same histories. */
    @Test
    void agreesWithTheEmbeddedStoreEventForEvent() {
        RedisUserStore shared = store(20);
        InMemoryUserStore embedded = new InMemoryUserStore(20, 64 << 20);
        Random random = new Random(11);
        List<Behaviour> sent = new ArrayList<>();
        for (int batch = 0; batch < 200; batch++) {
            String user = "u" + random.nextInt(5);
            List<Behaviour> events = new ArrayList<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                Behaviour b = !sent.isEmpty() && random.nextInt(5) == 0
                        ? sent.get(random.nextInt(sent.size())) // a resend, maybe to another user
                        : new Behaviour(
                                random.nextBoolean() ? "e" + random.nextInt(1000) : null,
                                "i" + random.nextInt(50),
                                (long) random.nextInt(100),
                                "click",
                                Map.of());
                sent.add(b);
                events.add(b);
            }
            assertThat(shared.append(user, events)).as("batch %d", batch).isEqualTo(embedded.append(user, events));
        }
        for (int u = 0; u < 5; u++) {
            assertThat(shared.find("u" + u)).isEqualTo(embedded.find("u" + u));
        }
    }

    /** A batch of many users goes in one pipeline, and still after Redis forgot the script. */
    @Test
    void manyUsersAppendTogetherAsEachWouldAlone() {
        RedisUserStore shared = store(5);
        InMemoryUserStore embedded = new InMemoryUserStore(5, 64 << 20);
        Map<String, List<Behaviour>> batch = new java.util.LinkedHashMap<>();
        for (int u = 0; u < 20; u++) {
            batch.put("u" + u, List.of(event("e" + u, "a" + u, 20), at("b" + u, 10), event("e" + u, "a" + u, 20)));
        }

        assertThat(shared.appendAll(batch)).isEqualTo(embedded.appendAll(batch)).isEqualTo(new Appended(40, 20, 0));
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.scriptingCommands().scriptFlush();
            return null;
        });
        assertThat(shared.appendAll(batch)).isEqualTo(new Appended(0, 60, 0));

        for (int u = 0; u < 20; u++) {
            assertThat(shared.find("u" + u)).isEqualTo(embedded.find("u" + u));
        }
    }

    private static String keyOf(RedisUserStore store, String user, String part) {
        return store.keyPrefix() + "{" + user + "}:" + part;
    }
}

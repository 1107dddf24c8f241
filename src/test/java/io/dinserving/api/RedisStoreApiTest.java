package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.users.RedisServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service with din.users.store=redis, against a real redis-server, and without it. */
@EnabledIf(value = "io.dinserving.users.RedisServer#installed", disabledReason = RedisServer.MISSING)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "din.users.store=redis",
            "din.batching.request-timeout=60s",
            "spring.data.redis.timeout=2s",
            "management.endpoint.health.show-components=always"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisStoreApiTest extends ApiTestSupport {

    static RedisServer redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) throws Exception {
        redis = RedisServer.start();
        registry.add("spring.data.redis.port", redis::port);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    int postEvents(String body) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    @Order(1)
    void aUserIdAloneScoresExactlyAsTheHistorySentByHand() throws Exception {
        Map<String, Object> byHand = randomRequest(new Random(3), 60, 30);
        @SuppressWarnings("unchecked")
        List<String> history = (List<String>) byHand.get("behaviors");
        List<Object> events = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            events.add(Map.of("userId", "r1", "itemId", history.get(i), "timestamp", 1_000 + i));
        }
        assertThat(postEvents(JSON.writeValueAsString(Map.of("events", events))))
                .isEqualTo(200);

        Reply stored = post(Map.of("userId", "r1", "candidates", byHand.get("candidates")));

        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().get("history").get("source").asString()).isEqualTo("store");
        assertThat(stored.body().get("items")).isEqualTo(post(byHand).body().get("items"));
        assertThat(get("/actuator/health").body()).contains("\"userStore\":{\"status\":\"UP\"");
    }

    /** Without the store, what needs it is a 503 to retry; a request that sent its history is still ranked. */
    @Test
    @Order(2)
    void withRedisGoneWhatNeedsTheStoreIsA503AndTheRestIsServed() throws Exception {
        redis.close();
        List<String> candidates = bundle().manifest()
                .features()
                .vocabularies()
                .get("itemId")
                .tokens()
                .subList(1, 6);

        Reply needsStore = post(Map.of("userId", "r1", "candidates", candidates));
        Reply sentHistory =
                post(Map.of("userId", "r1", "behaviors", List.of(candidates.get(0)), "candidates", candidates));

        assertThat(needsStore.status()).isEqualTo(503);
        assertThat(needsStore.contentType()).startsWith("application/problem+json");
        assertThat(needsStore.headers().get("Retry-After")).containsExactly("1");
        assertThat(sentHistory.status()).isEqualTo(200);
        assertThat(sentHistory.body().has("warnings"))
                .as("the default model takes no profile")
                .isFalse();
        assertThat(postEvents("{\"events\": [{\"userId\": \"r1\", \"itemId\": \"" + candidates.get(0)
                        + "\", \"timestamp\": 5}]}"))
                .isEqualTo(503);
        assertThat(get("/actuator/health").body()).contains("\"userStore\":{\"status\":\"DOWN\"");
    }
}

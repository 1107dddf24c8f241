package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** With batching off every request is its own forward pass; the scores must not change. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.batching.enabled=false", "din.cache.enabled=false"})
class RecommendBatchingOffIntegrationTest extends ApiTestSupport {

    @Test
    void scoresEqualTheModelsDirectScores() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> request = randomRequest(random, 10 * i, 20 + i);
            Reply reply = post(request);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().get("X-Cache")).containsExactly("miss");
            assertMatchesDirectScores(request, reply.body());
        }
    }
}

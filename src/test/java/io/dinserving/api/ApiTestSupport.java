package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.serving.ModelRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP helpers and the model's direct scores, for tests against the running app. */
abstract class ApiTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    /** The bundle the app serves: the default one, as the only version. */
    ModelBundle bundle() {
        return registry.servedModels().get(0).bundle();
    }

    record Reply(int status, String contentType, JsonNode body, Map<String, List<String>> headers) {}

    Reply post(String body) throws Exception {
        return post(port, body);
    }

    /** {@code POST /recommend} to the app on a port: this test's, or one a test started itself. */
    static Reply post(int port, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/recommend"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Reply(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                json,
                response.headers().map());
    }

    /** {@code GET} a path of this test's app. */
    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    Reply post(Map<String, Object> request) throws Exception {
        return post(JSON.writeValueAsString(request));
    }

    /** Scores straight from a predictor, bypassing HTTP, batching, ranking and cache. */
    float[] directScores(List<Item> behaviours, List<Item> candidates) throws Exception {
        EncodedRequest encoded =
                new RequestEncoder(bundle().encoder()).encode(behaviours, candidates, Map.of(), Map.of());
        try (Predictor<EncodedBatch, float[]> predictor = bundle().newPredictor()) {
            var spec = bundle().manifest().spec();
            return predictor.predict(EncodedBatch.of(
                    List.of(encoded.context()),
                    List.of(encoded.candidates()),
                    spec.attention().size(),
                    spec.maxLength()));
        }
    }

    /** A request over known items: behaviours oldest first, then distinct candidates. */
    Map<String, Object> randomRequest(Random random, int behaviours, int candidates) {
        List<String> items =
                bundle().manifest().features().vocabularies().get("itemId").tokens();
        List<Object> history = new ArrayList<>();
        for (int i = 0; i < behaviours; i++) {
            history.add(items.get(random.nextInt(items.size())));
        }
        List<Object> cands = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (cands.size() < candidates) {
            String id = items.get(random.nextInt(items.size()));
            if (seen.add(id)) {
                cands.add(id);
            }
        }
        Map<String, Object> request = new HashMap<>();
        request.put("behaviors", history);
        request.put("candidates", cands);
        return request;
    }

    @SuppressWarnings("unchecked")
    static List<Item> items(Map<String, Object> request, String field) {
        return ((List<Object>) request.get(field))
                .stream().map(o -> Item.of((String) o)).toList();
    }

    /** Asserts that a response ranks exactly the model's direct scores. */
    void assertMatchesDirectScores(Map<String, Object> request, JsonNode body) throws Exception {
        List<Item> candidates = items(request, "candidates");
        float[] direct = directScores(items(request, "behaviors"), candidates);
        Map<String, Float> expected = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            expected.put(candidates.get(i).id(), direct[i]);
        }
        assertThat(body.get("items").size()).isEqualTo(candidates.size());
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode item : body.get("items")) {
            double score = item.get("score").asDouble();
            assertThat(score)
                    .isCloseTo(
                            expected.get(item.get("itemId").asString()), org.assertj.core.api.Assertions.within(1e-6));
            assertThat(score).isLessThanOrEqualTo(previous);
            previous = score;
        }
    }
}

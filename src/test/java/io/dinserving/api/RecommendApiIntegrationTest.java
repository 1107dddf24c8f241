package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dinserving.feature.Item;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** POST /recommend against the running app, serving the bundled default model. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "din.batching.max-delay=2ms",
            "din.batching.request-timeout=60s",
            "din.api.max-candidates=200",
            "din.api.max-behaviors=100",
            "din.api.max-body-size=64KB",
            "din.api.max-id-length=40"
        })
class RecommendApiIntegrationTest extends ApiTestSupport {

    /** The demo page runs only the service's own scripts and cannot be framed; nothing is sniffed. */
    @Test
    void theDemoPageCarriesSecurityHeaders() throws Exception {
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
    }

    /** OPTIONS offers only the methods each path answers; TRACE is refused everywhere. */
    @Test
    void optionsListOnlyTheMethodsServedAndTraceIsRefused() throws Exception {
        Map<String, String> allowed = Map.of(
                "/", "GET,HEAD,OPTIONS",
                "/recommend", "POST,OPTIONS",
                "/demo/items", "GET,HEAD,OPTIONS",
                "/actuator/health", "GET,HEAD,OPTIONS");
        for (var path : allowed.entrySet()) {
            java.net.http.HttpResponse<String> options = HTTP.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + path.getKey()))
                            .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(options.headers().firstValue("Allow")).as(path.getKey()).hasValue(path.getValue());
            java.net.http.HttpResponse<String> trace = HTTP.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + path.getKey()))
                            .method("TRACE", java.net.http.HttpRequest.BodyPublishers.noBody())
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(trace.statusCode()).as(path.getKey()).isEqualTo(405);
        }
    }

    @Test
    void scoresEqualTheModelsDirectScores() throws Exception {
        Map<String, Object> request = randomRequest(new Random(1), 60, 100);
        Reply reply = post(request);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("modelVersion").asString())
                .isEqualTo(bundle().manifest().version());
        assertMatchesDirectScores(request, reply.body());
        assertThat(reply.body().get("items").get(0).get("rank").asInt()).isEqualTo(1);
    }

    @Test
    void thirtyTwoConcurrentClientsGetTheirOwnScores() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                Random random = new Random(100 + c);
                calls.add(() -> {
                    for (int k = 0; k < 4; k++) {
                        Map<String, Object> request =
                                randomRequest(random, 5 + random.nextInt(60), 1 + random.nextInt(80));
                        Reply reply = post(request);
                        assertThat(reply.status()).isEqualTo(200);
                        assertMatchesDirectScores(request, reply.body());
                    }
                    return null;
                });
            }
            for (Future<Void> f : clients.invokeAll(calls)) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aCacheHitReturnsAnIdenticalRanking() throws Exception {
        Map<String, Object> request = randomRequest(new Random(7), 20, 30);
        Reply first = post(request);
        Reply second = post(request);
        assertThat(first.headers().get("X-Cache")).containsExactly("miss");
        assertThat(second.headers().get("X-Cache")).containsExactly("hit");
        assertThat(second.body().get("items")).isEqualTo(first.body().get("items"));
        assertThat(second.body().get("modelVersion")).isEqualTo(first.body().get("modelVersion"));
    }

    @Test
    void topKDuplicatesAndTiesBehaveAsDocumented() throws Exception {
        Map<String, Object> request = randomRequest(new Random(9), 10, 5);
        @SuppressWarnings("unchecked")
        List<Object> candidates = new ArrayList<>((List<Object>) request.get("candidates"));
        // Unknown ids with no category encode alike, so they tie; they must keep request order.
        candidates.add("unknown-b");
        candidates.add("unknown-a");
        candidates.add(candidates.get(0)); // a duplicate
        request.put("candidates", candidates);

        JsonNode all = post(request).body();
        List<String> ids = new ArrayList<>();
        all.get("items").forEach(i -> ids.add(i.get("itemId").asString()));
        assertThat(ids).hasSize(7).doesNotHaveDuplicates();
        assertThat(ids.indexOf("unknown-b")).isEqualTo(ids.indexOf("unknown-a") - 1);

        request.put("topK", 3);
        JsonNode top = post(request).body();
        assertThat(top.get("items").size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(top.get("items").get(i)).isEqualTo(all.get("items").get(i));
        }
    }

    @Test
    void aMissingCategoryComesFromTheCatalogueAndPlainIdsEqualObjects() throws Exception {
        Map.Entry<String, String> known = bundle().manifest()
                .features()
                .catalogue()
                .values()
                .get("category")
                .entrySet()
                .iterator()
                .next();
        Map<String, Object> plain =
                new HashMap<>(Map.of("behaviors", List.of(known.getKey()), "candidates", List.of(known.getKey(), "x")));
        Map<String, Object> explicit = new HashMap<>(Map.of(
                "behaviors", List.of(Map.of("itemId", known.getKey(), "category", known.getValue())),
                "candidates",
                        List.of(
                                Map.of("itemId", known.getKey(), "category", known.getValue()),
                                Map.of("itemId", "x"))));
        assertThat(post(explicit).body().get("items"))
                .isEqualTo(post(plain).body().get("items"));
        Item item = new Item(known.getKey(), Map.of("category", known.getValue()));
        float[] direct = directScores(List.of(item), List.of(item));
        assertThat(post(plain).body().get("items").findValues("score").stream()
                        .map(JsonNode::asDouble)
                        .toList())
                .anySatisfy(s -> assertThat(s).isCloseTo(direct[0], org.assertj.core.api.Assertions.within(1e-6)));
    }

    @Test
    void unknownFieldsAreAcceptedAndNamedInWarningsWithTheClosestKnownField() throws Exception {
        Reply reply = post("{\"candidates\": [{\"itemId\": \"a\", \"category\": \"c1\"}], \"behaviours\": [\"b\"],"
                + " \"colour\": \"blue\", \"context\": {\"device\": \"mobile\"}}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("warnings").toString())
                .contains(
                        "{\"field\":\"behaviours\",\"message\":\"unknown field, ignored; did you mean 'behaviors'?\"}")
                .contains("{\"field\":\"colour\",\"message\":\"unknown field, ignored\"}")
                .contains(
                        "{\"field\":\"context.device\",\"message\":\"not a context feature of this model, ignored\"}");
    }

    @Test
    void aRequestOfKnownFieldsHasNoWarnings() throws Exception {
        Reply reply = post("{\"candidates\": [\"a\", {\"itemId\": \"b\", \"category\": \"c1\"}], \"topK\": 1}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().has("warnings")).isFalse();
    }

    /** The weights behind each score, over the behaviours the model used: the most recent 50, oldest first. */
    @Test
    void anExplainedRankingGivesEachItemItsBehaviourWeightsAndTheSameScores() throws Exception {
        Map<String, Object> request = randomRequest(new Random(11), 60, 8);
        JsonNode plain = post(request).body();
        request.put("explain", true);
        Reply reply = post(request);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("X-Cache")).containsExactly("miss");
        assertThat(post(request).headers().get("X-Cache")).containsExactly("miss"); // never cached
        JsonNode explained = reply.body();
        assertThat(explained.get("variant").asString()).isEqualTo("din");
        assertThat(explained.get("attentionWeights").asString()).isEqualTo("raw");
        @SuppressWarnings("unchecked")
        List<Object> behaviours = (List<Object>) request.get("behaviors");
        List<Object> used = behaviours.subList(10, 60);
        for (int i = 0; i < 8; i++) {
            JsonNode item = explained.get("items").get(i);
            assertThat(item.get("itemId").asString())
                    .isEqualTo(plain.get("items").get(i).get("itemId").asString());
            assertThat(item.get("score").asDouble())
                    .isCloseTo(plain.get("items").get(i).get("score").asDouble(), within(1e-5));
            assertThat(item.get("attention").findValuesAsString("itemId"))
                    .containsExactlyElementsOf(
                            used.stream().map(Object::toString).toList());
            assertThat(item.get("attention").findValues("weight"))
                    .allSatisfy(w -> assertThat(w.isNumber()).isTrue());
        }
        assertThat(plain.get("items").get(0).has("attention")).isFalse();
        assertThat(plain.has("variant")).isFalse();
    }

    @Nested
    class OpenApi {
        @Test
        void documentsTheEndpointWithAnExample() throws Exception {
            var response = HTTP.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + "/v3/api-docs"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("/recommend").contains("i232");
            JsonNode doc = JSON.readTree(response.body());
            assertThat(doc.at("/info/title").asString()).isEqualTo("din-serving");
            assertThat(doc.at("/info/version").asString()).isNotEqualTo("v0");
            JsonNode responses = doc.at("/paths/~1recommend/post/responses");
            for (String status : List.of("400", "406", "413", "414", "415", "431", "500", "503", "504")) {
                assertThat(responses.at("/" + status + "/content").has("application/problem+json"))
                        .as("documents %s as a problem", status)
                        .isTrue();
            }
            assertThat(responses.has("200")).isTrue();
            assertThat(response.body()).doesNotContain("unknownFields", "/error", "/demo");
            assertThat(doc.at("/components/schemas/ItemRef").toString()).doesNotContain("\"attributes\"");
        }

        /** An item is a string or an object whose properties are this bundle's attributes. */
        @Test
        void documentsItemsAsAnIdOrAnObjectWithTheServedAttributes() throws Exception {
            JsonNode doc = JSON.readTree(HTTP.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://localhost:" + port + "/v3/api-docs"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body());
            JsonNode item = doc.at("/components/schemas/ItemRef");
            assertThat(item.at("/oneOf/0/type").asString()).isEqualTo("string");
            JsonNode object = item.at("/oneOf/1");
            assertThat(object.at("/properties").propertyNames()).containsExactly("itemId", "timestamp", "category");
            assertThat(object.at("/required").toString()).isEqualTo("[\"itemId\"]");
            assertThat(doc.at("/components/schemas/RecommendRequest/required").toString())
                    .isEqualTo("[\"candidates\"]");
            assertThat(doc.at("/components/schemas/RecommendResponse/example").isMissingNode())
                    .isFalse();
        }
    }
}

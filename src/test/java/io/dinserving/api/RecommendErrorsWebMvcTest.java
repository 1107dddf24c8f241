package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dinserving.batching.BatchingProperties;
import io.dinserving.cache.RecommendationKey;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.feature.NumericStats;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.feature.Vocabulary;
import io.dinserving.impressions.ImpressionLog;
import io.dinserving.impressions.ImpressionsProperties;
import io.dinserving.metrics.ServingMetrics;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.ModelConfig;
import io.dinserving.ranking.RankedItem;
import io.dinserving.serving.OverloadedException;
import io.dinserving.serving.Scorer;
import io.dinserving.serving.ScoringTimeoutException;
import io.dinserving.serving.ScoringVersion;
import io.dinserving.serving.VersionLease;
import io.dinserving.serving.VersionSelector;
import io.dinserving.users.InMemoryUserStore;
import io.dinserving.users.UserStore;
import io.dinserving.users.UsersProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the API answers, from the MVC layer down, against a stub scorer: no model is loaded.
 * The stub, a lambda, scores an item by its id and answers for three items as a real scorer may:
 * {@code boom} fails, {@code slow} misses its deadline and {@code full} finds the queue full.
 */
@WebMvcTest(
        controllers = RecommendController.class,
        properties = {
            "din.api.max-candidates=200",
            "din.api.max-behaviors=100",
            "din.api.max-body-size=64KB",
            "din.api.max-id-length=40",
            // the 500 on purpose would log its stack trace, as it should in production
            "logging.level.io.dinserving.api.ApiExceptionHandler=OFF"
        })
@Import({RecommendationService.class, ApiConfiguration.class, RecommendErrorsWebMvcTest.StubScoring.class})
class RecommendErrorsWebMvcTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> ITEMS = List.of("a", "b", "c", "boom", "slow", "full");

    @Autowired
    MockMvc mvc;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({BatchingProperties.class, UsersProperties.class, ImpressionsProperties.class})
    static class StubScoring {

        static final FeatureSpec SPEC = new FeatureSpec(
                List.of(
                        FeatureSpec.AttentionPair.item("itemId", "history"),
                        FeatureSpec.AttentionPair.attribute("category", "historyCategories")),
                List.of(CategoricalFeature.user("gender")),
                List.of(FeatureSpec.NumericFeature.user("income", FeatureSpec.Normalization.Z_SCORE, false)),
                10);

        @Bean
        ServingMetrics stubMetrics() {
            return new ServingMetrics(new SimpleMeterRegistry());
        }

        @Bean
        ImpressionLog impressionLog(ImpressionsProperties properties) {
            return new ImpressionLog(properties, "test", java.time.Clock.systemUTC());
        }

        @Bean
        UserStore userStore() {
            return new InMemoryUserStore(100, 1 << 20);
        }

        @Bean
        Cache<RecommendationKey, List<RankedItem>> stubCache() {
            return Caffeine.newBuilder().maximumSize(100).build();
        }

        /** One version, "stub-v1", with an item attribute and a user feature. */
        @Bean
        VersionSelector stubVersions() {
            FittedFeatures features = new FittedFeatures(
                    SPEC,
                    Map.of(
                            "itemId", new Vocabulary(ITEMS),
                            "category", new Vocabulary(List.of("c1")),
                            "gender", new Vocabulary(List.of("F", "M"))),
                    Map.of("income", new NumericStats(50, 10, 20, 90)),
                    new ItemCatalogue(Map.of("category", Map.of("a", "c1"))));
            RequestEncoder encoder = new RequestEncoder(features.encoder());
            ScoringVersion model = new ScoringVersion() {
                @Override
                public String version() {
                    return "stub-v1";
                }

                @Override
                public RequestEncoder encoder() {
                    return encoder;
                }

                @Override
                public String itemName(String itemId) {
                    return itemId.equals("a") ? "Alpha" : null;
                }

                @Override
                public Scorer scorer() {
                    return StubScoring::score;
                }

                @Override
                public ModelConfig architecture() {
                    return ModelConfig.defaults(ModelConfig.Variant.DIN);
                }

                @Override
                public CompiledDin.Explanation explain(EncodedRequest request) {
                    throw new UnsupportedOperationException("the stub scorer does not explain");
                }
            };
            return userId -> new VersionLease(model, () -> {});
        }

        /** Scores item id {@code k} as {@code k / 10}; see the class comment for the misbehaving items. */
        static CompletableFuture<float[]> score(EncodedRequest request, long deadlineNanos) {
            float[] scores = new float[request.rows()];
            for (int i = 0; i < scores.length; i++) {
                int id = request.candidates().get(i).ids()[0];
                switch (ITEMS.get(Math.max(0, id - Vocabulary.FIRST_TOKEN_ID))) {
                    case "boom" -> {
                        return CompletableFuture.failedFuture(
                                new IllegalStateException("stub failure in io.dinserving.Secret"));
                    }
                    case "slow" -> {
                        return CompletableFuture.failedFuture(
                                new ScoringTimeoutException("scores did not arrive in time"));
                    }
                    case "full" -> throw new OverloadedException("the scoring queue is full (1 requests waiting)");
                    default -> scores[i] = id / 10f;
                }
            }
            return CompletableFuture.completedFuture(scores);
        }
    }

    record Reply(int status, String contentType, JsonNode body) {}

    private Reply postJson(String body) throws Exception {
        return postJson(body.getBytes(StandardCharsets.UTF_8));
    }

    private Reply postJson(byte[] body) throws Exception {
        MockHttpServletResponse response =
                send(post("/recommend").contentType(MediaType.APPLICATION_JSON).content(body));
        String text = response.getContentAsString(StandardCharsets.UTF_8);
        return new Reply(
                response.getStatus(),
                String.valueOf(response.getContentType()),
                text.isEmpty() ? null : JSON.readTree(text));
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        // Scores are answered asynchronously; what was refused at once never went async.
        return result.getRequest().isAsyncStarted()
                ? mvc.perform(asyncDispatch(result)).andReturn().getResponse()
                : result.getResponse();
    }

    private static MockHttpServletRequestBuilder recommend(String body) {
        return post("/recommend").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** A problem+json body of the given status that names no Java type and holds no stack trace. */
    private static JsonNode assertProblem(MockHttpServletResponse response, int status) throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        String body = response.getContentAsString();
        assertThat(body).doesNotContain("java.", "io.dinserving", "tools.jackson", "Exception", "\tat ");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        return problem;
    }

    @Test
    void theStubRanksByItsScores() throws Exception {
        MockHttpServletResponse response = send(recommend("{\"candidates\": [\"a\", \"c\", \"b\"], \"topK\": 2}"));
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.get("modelVersion").asString()).isEqualTo("stub-v1");
        assertThat(body.get("items").findValuesAsString("itemId")).containsExactly("c", "b");
        assertThat(body.get("items").get(0).get("score").asDouble())
                .isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-6));
    }

    /** A plain response carries the bundle's display names, where it has them. */
    @Test
    void aPlainRankingCarriesDisplayNames() throws Exception {
        JsonNode items = JSON.readTree(
                        send(recommend("{\"candidates\": [\"a\", \"b\"]}")).getContentAsString())
                .get("items");
        assertThat(items.get(1).get("itemId").asString()).isEqualTo("a");
        assertThat(items.get(1).get("name").asString()).isEqualTo("Alpha");
        assertThat(items.get(0).has("name")).isFalse();
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        Map<String, String> fieldByBody = Map.of(
                "{\"candidates\": [260]}", "candidates[0]",
                "{\"candidates\": [\"a\"], \"topK\": 1.5}", "topK",
                "{\"candidates\": [{\"itemId\": \"a\", \"brand\": \"x\"}]}", "candidates[0].brand",
                "{\"candidates\": [{\"itemId\": \"a\", \"category\": 3}]}", "candidates[0].category",
                "{\"candidates\": [\"a\"], \"userFeatures\": {\"age\": 3}}", "userFeatures.age",
                "{\"candidates\": [\"a\"], \"context\": {\"gender\": \"F\"}}", "context.gender",
                "{\"candidates\": []}", "candidates",
                "{\"candidates\": [\"a\"", "candidates",
                "{candidates: 1}", "body");
        for (Map.Entry<String, String> entry : fieldByBody.entrySet()) {
            JsonNode problem = assertProblem(send(recommend(entry.getKey())), 400);
            assertThat(problem.get("field").asString()).as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(problem.get("detail").asString())
                    .startsWith(entry.getValue() + ": ")
                    .doesNotContain("[Source", "StreamReadFeature");
        }
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        assertProblem(send(get("/recommendations")), 404);
    }

    @Test
    void aGetOfTheRankingEndpointIs405() throws Exception {
        assertProblem(send(get("/recommend")), 405);
    }

    @Test
    void askingForAnotherMediaTypeIs406() throws Exception {
        assertProblem(send(recommend("{\"candidates\": [\"a\"]}").accept(MediaType.APPLICATION_XML)), 406);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        JsonNode problem = assertProblem(send(recommend("{\"candidates\": [\"" + "x".repeat(70_000) + "\"]}")), 413);
        assertThat(problem.get("field").asString()).isEqualTo("body");
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        assertProblem(send(post("/recommend").contentType(MediaType.TEXT_PLAIN).content("a,b")), 415);
    }

    @Test
    void aScorerFailureIsA500ThatKeepsItsCauseInTheLog() throws Exception {
        JsonNode problem = assertProblem(send(recommend("{\"candidates\": [\"boom\"]}")), 500);
        assertThat(problem.toString()).doesNotContain("stub failure", "Secret");
    }

    @Test
    void scoresLaterThanTheRequestTimeoutAreA504() throws Exception {
        assertProblem(send(recommend("{\"candidates\": [\"slow\"]}")), 504);
    }

    /** A number no 32-bit float holds is refused; one merely outside the training range is clipped. */
    @Test
    void aNumberTheModelCannotHoldIsA400NamingTheFeature() throws Exception {
        JsonNode problem =
                assertProblem(send(recommend("{\"candidates\": [\"a\"], \"userFeatures\": {\"income\": 1e41}}")), 400);
        assertThat(problem.get("field").asString()).isEqualTo("userFeatures.income");

        MockHttpServletResponse clipped =
                send(recommend("{\"candidates\": [\"a\"], \"userFeatures\": {\"income\": 1e30}}"));
        assertThat(clipped.getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(clipped.getContentAsString())
                        .get("items")
                        .get(0)
                        .get("score")
                        .isNumber())
                .isTrue();
    }

    @Test
    void aFullQueueIsA503WithRetryAfter() throws Exception {
        MockHttpServletResponse refused = send(recommend("{\"candidates\": [\"full\"]}"));
        assertProblem(refused, 503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    }

    static List<Arguments> badRequests() {
        String tooMany = "{\"candidates\":[" + String.join(",", Collections.nCopies(201, "\"a\"")) + "]}";
        String tooManyBehaviours =
                "{\"candidates\":[\"a\"],\"behaviors\":[" + String.join(",", Collections.nCopies(101, "\"a\"")) + "]}";
        return List.of(
                Arguments.of("malformed JSON", "{candidates: 1}", 400, "body"),
                Arguments.of("truncated JSON", "{\"candidates\": [", 400, "candidates"),
                Arguments.of("no body", "", 400, "body"),
                Arguments.of("missing candidates", "{\"behaviors\": [\"a\"]}", 400, "candidates"),
                Arguments.of("empty candidates", "{\"candidates\": []}", 400, "candidates"),
                Arguments.of("too many candidates", tooMany, 400, "candidates"),
                Arguments.of("too many behaviours", tooManyBehaviours, 400, "behaviors"),
                Arguments.of("blank id", "{\"candidates\": [\"a\", \" \"]}", 400, "candidates[1].itemId"),
                Arguments.of("null item", "{\"candidates\": [\"a\", null]}", 400, "candidates[1]"),
                Arguments.of(
                        "oversized id", "{\"candidates\": [\"" + "x".repeat(41) + "\"]}", 400, "candidates[0].itemId"),
                Arguments.of(
                        "oversized behaviour category",
                        "{\"candidates\": [\"a\"], \"behaviors\": [{\"itemId\": \"b\", \"category\": \""
                                + "c".repeat(41) + "\"}]}",
                        400,
                        "behaviors[0].category"),
                Arguments.of("wrong type of topK", "{\"candidates\": [\"a\"], \"topK\": \"ten\"}", 400, "topK"),
                Arguments.of("topK below one", "{\"candidates\": [\"a\"], \"topK\": 0}", 400, "topK"),
                Arguments.of("wrong type of candidates", "{\"candidates\": \"a\"}", 400, "candidates"),
                Arguments.of(
                        "object as id", "{\"candidates\": [{\"itemId\": {\"x\": 1}}]}", 400, "candidates[0].itemId"),
                Arguments.of(
                        "unknown user feature",
                        "{\"candidates\": [\"a\"], \"userFeatures\": {\"shoeSize\": 44}}",
                        400,
                        "userFeatures.shoeSize"),
                Arguments.of("body too large", "{\"candidates\": [\"" + "y".repeat(70_000) + "\"]}", 413, "body"));
    }

    /** Every request field, sent with a JSON type it does not take. */
    static List<Arguments> wrongTypes() {
        return List.of(
                Arguments.of("{\"userId\": 42, \"candidates\": [\"a\"]}", "userId"),
                Arguments.of("{\"userId\": true, \"candidates\": [\"a\"]}", "userId"),
                Arguments.of("{\"behaviors\": \"a\", \"candidates\": [\"a\"]}", "behaviors"),
                Arguments.of("{\"behaviors\": [7], \"candidates\": [\"a\"]}", "behaviors[0]"),
                Arguments.of("{\"behaviors\": [{\"itemId\": 7}], \"candidates\": [\"a\"]}", "behaviors[0].itemId"),
                Arguments.of(
                        "{\"behaviors\": [{\"itemId\": \"b\", \"category\": true}], \"candidates\": [\"a\"]}",
                        "behaviors[0].category"),
                Arguments.of(
                        "{\"behaviors\": [{\"itemId\": \"b\", \"timestamp\": \"2020\"}], \"candidates\": [\"a\"]}",
                        "behaviors[0].timestamp"),
                Arguments.of(
                        "{\"behaviors\": [{\"itemId\": \"b\", \"timestamp\": 1.5}], \"candidates\": [\"a\"]}",
                        "behaviors[0].timestamp"),
                Arguments.of("{\"candidates\": [260]}", "candidates[0]"),
                Arguments.of("{\"candidates\": [true]}", "candidates[0]"),
                Arguments.of("{\"candidates\": [{\"itemId\": 42}]}", "candidates[0].itemId"),
                Arguments.of("{\"candidates\": {\"itemId\": \"a\"}}", "candidates"),
                Arguments.of("{\"candidates\": [\"a\"], \"userFeatures\": [1]}", "userFeatures"),
                Arguments.of("{\"candidates\": [\"a\"], \"context\": \"mobile\"}", "context"),
                Arguments.of("{\"candidates\": [\"a\"], \"topK\": \"10\"}", "topK"),
                Arguments.of("{\"candidates\": [\"a\"], \"topK\": 1.5}", "topK"),
                Arguments.of("{\"candidates\": [\"a\"], \"topK\": true}", "topK"),
                Arguments.of("{\"candidates\": [\"a\"], \"explain\": \"yes\"}", "explain"),
                Arguments.of("{\"candidates\": [\"a\"], \"explain\": 1}", "explain"));
    }

    /** A whitespace-only string is refused like an empty one, never read as null. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {"topK| ", "topK|''", "explain| ", "behaviors[0].timestamp|  "})
    void aBlankStringIsRefusedLikeAnEmptyOne(String field, String blank) throws Exception {
        String json = "\"" + blank + "\"";
        String body = field.startsWith("behaviors")
                ? "{\"behaviors\": [{\"itemId\": \"a\", \"timestamp\": " + json + "}], \"candidates\": [\"a\"]}"
                : "{\"candidates\": [\"a\"], \"" + field + "\": " + json + "}";
        JsonNode problem = assertProblem(send(recommend(body)), 400);
        assertThat(problem.get("field").asString()).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void aWrongJsonTypeIsRefusedInPlainWords(String body, String field) throws Exception {
        Reply reply = postJson(body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("field").asString()).isEqualTo(field);
        assertThat(reply.body().toString()).doesNotContain("java.", "io.dinserving", "tools.jackson", "Cannot ");
    }

    /** {@code C0 AF} is an overlong {@code /}: Jackson alone would accept it as one. */
    @Test
    void invalidUtf8IsA400NamingTheBody() throws Exception {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xFF}, new byte[] {
            (byte) 0xED, (byte) 0xA0, (byte) 0x80
        })) {
            byte[] body = concat(
                    "{\"candidates\": [\"a".getBytes(StandardCharsets.UTF_8),
                    bad,
                    "b\"]}".getBytes(StandardCharsets.UTF_8));
            Reply reply = postJson(body);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.body().get("field").asString()).isEqualTo("body");
        }
        assertThat(postJson("{\"candidates\": [\"caf\u00e9\", \"\u65e5\u672c\"]}")
                        .status())
                .isEqualTo(200);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void aNumericItemIdIsToldToSendAString() throws Exception {
        Reply reply = postJson("{\"candidates\": [\"a\", 260]}");
        assertThat(reply.body().get("detail").asString())
                .isEqualTo("candidates[1]: item ids are strings; send \"260\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsAProblemNamingTheField(String name, String body, int status, String field) throws Exception {
        Reply reply = postJson(body);
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("status").asInt()).isEqualTo(status);
        assertThat(reply.body().get("field").asString()).isEqualTo(field);
        assertThat(reply.body().get("detail").asString()).isNotBlank();
    }

    /** An item attribute is part of the model's input: a misspelt one would silently change the score. */
    @Test
    void anUnknownItemAttributeIsRefusedNamingItAndTheClosestAttribute() throws Exception {
        Reply reply = postJson("{\"candidates\": [\"a\", {\"itemId\": \"b\", \"categroy\": \"c1\"}]}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("field").asString()).isEqualTo("candidates[1].categroy");
        assertThat(reply.body().get("detail").asString())
                .isEqualTo("candidates[1].categroy: unknown item attribute "
                        + "'categroy'; did you mean 'category'? This model's items have the attributes [category]");
        Reply wrongType = postJson("{\"behaviors\": [{\"itemId\": \"b\", \"category\": 7}], \"candidates\": [\"a\"]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("detail").asString())
                .isEqualTo("behaviors[0].category: item attributes are strings; send \"7\"");
    }
}

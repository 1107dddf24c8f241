package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** What an operator scrapes and probes. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.batching.enabled=false", "din.cache.enabled=false"})
class ActuatorIntegrationTest extends ApiTestSupport {

    private double metric(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void prometheusCountsMatchTheRequestsMade() throws Exception {
        String before = get("/actuator/prometheus").body();
        Random random = new Random(5);
        int candidates = 0;
        for (int i = 0; i < 3; i++) {
            Map<String, Object> request = randomRequest(random, 10, 4 + i);
            candidates += 4 + i;
            assertThat(post(request).status()).isEqualTo(200);
        }
        assertThat(post("{\"candidates\": []}").status()).isEqualTo(400);
        assertThat(post("{oops").status()).isEqualTo(400);

        String after = get("/actuator/prometheus").body();
        String version = "version=\"" + bundle().manifest().version() + "\"";
        // Spring's own request timer, tagged with the version that answered; a body that is not JSON
        // is refused before a version is picked.
        String requests = "http_server_requests_seconds_count";
        assertThat(deltaOfSeries(before, after, requests, "status=\"200\"", "uri=\"/recommend\"", version))
                .isEqualTo(3);
        assertThat(deltaOfSeries(before, after, requests, "status=\"400\"", "uri=\"/recommend\"", version))
                .isEqualTo(1);
        assertThat(deltaOfSeries(before, after, requests, "status=\"400\"", "version=\"none\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "din_request_candidates_sum{" + version + "}"))
                .isEqualTo(candidates);
        // batching is off: one forward pass per successful request
        assertThat(delta(before, after, "din_batch_size_rows_count{" + version + "}"))
                .isEqualTo(3);
        assertThat(delta(before, after, "din_batch_size_rows_sum{" + version + "}"))
                .isEqualTo(candidates);
        assertThat(delta(before, after, "din_inference_latency_seconds_count{" + version + "}"))
                .isEqualTo(3);
        assertThat(delta(before, after, "din_batch_queue_wait_seconds_count{" + version + "}"))
                .isEqualTo(3);
        assertThat(delta(before, after, "din_cache_gets_total{cache=\"recommendations\",result=\"miss\"}"))
                .isEqualTo(3);
        assertThat(after)
                .contains("din_cache_gets_total{cache=\"recommendations\",result=\"hit\"}")
                .contains("din_cache_evictions_total{cache=\"recommendations\"}")
                .contains("din_batch_queue_depth{" + version + "}")
                .contains("din_requests_rejected_total{" + version + "} 0.0")
                .contains("din_model_info{device=\"cpu\"," + version + "} 1")
                .contains("din_model_loads_total{result=\"success\"," + version + "} 1.0")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*status=\"200\",uri=\"/recommend\","
                        + version + ",le=\"0.025\"}");
    }

    /** The change in the sum of every series of a meter whose tags include all of {@code tags}. */
    private static double deltaOfSeries(String before, String after, String meter, String... tags) {
        return sumOfSeries(after, meter, tags) - sumOfSeries(before, meter, tags);
    }

    private static double sumOfSeries(String scrape, String meter, String... tags) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(meter + "{") && java.util.Arrays.stream(tags).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private double delta(String before, String after, String series) {
        return metric(after, series) - metric(before, series);
    }

    /** Public health shows probe states only: no paths, disk sizes or versions. */
    @Test
    void publicHealthShowsProbeStatesOnly() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        assertThat(health.body()).doesNotContain("diskSpace", "path", "total", "free", "version");
        assertThat(JSON.readTree(get("/actuator/health/readiness").body())
                        .get("status")
                        .asString())
                .isEqualTo("UP");
        assertThat(JSON.readTree(get("/actuator/health/liveness").body())
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }

    @Test
    void infoListsTheServedVersionsWithTheirShares() throws Exception {
        JsonNode info = JSON.readTree(get("/actuator/info").body());
        assertThat(info.at("/app/version").asString()).isNotBlank().doesNotContain("@");
        JsonNode model = info.at("/models/0");
        assertThat(model.get("version").asString())
                .isEqualTo(bundle().manifest().version());
        assertThat(model.get("sharePercent").asDouble()).isEqualTo(100.0);
        assertThat(model.at("/metrics/test.auc").asDouble()).isBetween(0.5, 1.0);
    }

    @Test
    void theModelsEndpointShowsTheServingVersion() throws Exception {
        JsonNode models = JSON.readTree(get("/actuator/models").body());
        assertThat(models.size()).isEqualTo(1);
        assertThat(models.get(0).get("state").asString()).isEqualTo("SERVING");
        assertThat(models.get(0).get("version").asString())
                .isEqualTo(bundle().manifest().version());
        assertThat(models.get(0).get("loadMillis").asLong()).isPositive();
    }

    /** Promote and rollback act on a version on trial; with none, the answer says so and nothing changes. */
    @Test
    void promotingWithNoVersionOnTrialIsA400() throws Exception {
        HttpResponse<String> response = HTTP.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + "/actuator/models"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"action\":\"promote\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no version is on trial");
        assertThat(JSON.readTree(get("/actuator/models").body())
                        .get(0)
                        .get("state")
                        .asString())
                .isEqualTo("SERVING");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/env",
                "/actuator/beans",
                "/actuator/metrics",
                "/actuator/heapdump",
                "/actuator/shutdown",
                "/actuator/loggers"
            })
    void endpointsThatAreNotExposedAnswer404(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    /** Paths no endpoint has: refused with 400 before they reach one (one of them made health throw). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/health/..;/x",
                "/actuator/health;x=1",
                "/actuator/health/%2e%2e/info",
                "/recommend;jsessionid=1"
            })
    void dotSegmentsAndPathParametersAreA400Problem(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo("path");
    }

    @Test
    void theErrorPathAskedForDirectlyIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/error");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
    }

    /** Refused by Tomcat before Spring MVC sees it, and still problem+json rather than an HTML page. */
    @Test
    void whatTheContainerRefusesIsAProblemWithThePreciseStatus() throws Exception {
        URI recommend = URI.create("http://localhost:" + port + "/recommend");
        HttpRequest.Builder manyHeaders = HttpRequest.newBuilder(recommend);
        for (int i = 0; i < 120; i++) {
            manyHeaders.header("X-Header-" + i, "v");
        }
        List<Map.Entry<Integer, HttpResponse<String>>> expected = List.of(
                Map.entry(400, get("/actuator/%2fhealth")),
                Map.entry(
                        431,
                        HTTP.send(
                                HttpRequest.newBuilder(recommend)
                                        .header("X-Padding", "p".repeat(20_000))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())),
                Map.entry(431, HTTP.send(manyHeaders.build(), HttpResponse.BodyHandlers.ofString())),
                Map.entry(
                        414,
                        HTTP.send(
                                HttpRequest.newBuilder(URI.create(recommend + "?q=" + "q".repeat(20_000)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())));
        expected.forEach(entry -> {
            int status = entry.getKey();
            HttpResponse<String> response = entry.getValue();
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(status);
            assertThat(response.body()).doesNotContain("Tomcat", "<html", "Exception", "java.");
        });
    }
}

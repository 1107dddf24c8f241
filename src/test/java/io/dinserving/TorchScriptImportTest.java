package io.dinserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.dinserving.bundle.BundleException;
import io.dinserving.bundle.BundleManifest;
import io.dinserving.bundle.FittedFeaturesJson;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.feature.NumericStats;
import io.dinserving.train.cli.DinCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DIN trained in PyTorch by {@code scripts/pytorch/train_din_torchscript.py} (seed 1, on samples
 * {@code prepare} encoded; committed under {@code src/test/resources/torchscript}) is imported and
 * served: {@code POST /recommend} gives the script's own scores. No Python runs here.
 */
class TorchScriptImportTest {

    static final Path FIXTURE = Path.of("src/test/resources/torchscript");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void anImportedModuleServesThePythonScoresThroughTheApi() throws Exception {
        Path bundle = dir.resolve("py-din");
        assertThat(DinCli.run(
                        "import",
                        "--torchscript",
                        FIXTURE.resolve("model.pt").toString(),
                        "--features",
                        FIXTURE.resolve("fitted.json").toString(),
                        "--out",
                        bundle.toString(),
                        "--model-version",
                        "py-fixture"))
                .isZero();
        BundleManifest manifest = ModelBundle.readManifest(bundle);
        assertThat(manifest.isTorchScript()).isTrue();
        assertThat(manifest.parametersSha256()).hasSize(64);
        FittedFeatures features = manifest.features();
        List<String> items = features.vocabularies().get("itemId").tokens();
        List<String> categories = features.vocabularies().get("category").tokens();

        JsonNode fixture = JSON.readTree(FIXTURE.resolve("requests.json").toFile());
        assertThat(fixture.size()).isGreaterThanOrEqualTo(5);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DinServingApplication.class)
                .run("--server.port=0", "--din.model.path=" + bundle, "--din.cache.enabled=false")) {
            String url = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/recommend";
            for (JsonNode expected : fixture) {
                List<Object> behaviours = new ArrayList<>();
                JsonNode history = expected.get("history");
                for (int t = 0; t < history.get(0).size(); t++) {
                    behaviours.add(Map.of(
                            "itemId", items.get(history.get(0).get(t).asInt() - 3),
                            "category", categories.get(history.get(1).get(t).asInt() - 3)));
                }
                JsonNode candidate = expected.get("candidate");
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("behaviors", behaviours);
                request.put(
                        "candidates",
                        List.of(Map.of(
                                "itemId", items.get(candidate.get(0).asInt() - 3),
                                "category", categories.get(candidate.get(1).asInt() - 3))));
                JsonNode response = post(url, request);
                assertThat(response.get("modelVersion").asString()).isEqualTo("py-fixture");
                assertThat(response.at("/items/0/score").asDouble())
                        .isCloseTo(expected.get("score").asDouble(), within(1e-5));
            }
            Map<String, Object> explain = Map.of("candidates", List.of(items.get(0)), "explain", true);
            HttpResponse<String> refused = send(url, explain);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("field").asString()).isEqualTo("explain");
        }
    }

    /** A module that does not take the service's inputs is refused at load, saying what was expected. */
    @Test
    void aModuleWhoseInputsDoNotFitIsRefusedWithTheContract() throws Exception {
        FittedFeatures fitted = FittedFeaturesJson.read(FIXTURE.resolve("fitted.json"));
        FeatureSpec spec = fitted.spec();
        FittedFeatures withAge = new FittedFeatures(
                new FeatureSpec(
                        spec.attention(),
                        spec.categorical(),
                        List.of(NumericFeature.user("age", Normalization.Z_SCORE, false)),
                        spec.maxLength()),
                fitted.vocabularies(),
                Map.of("age", new NumericStats(40, 10, 18, 80)),
                fitted.catalogue());
        Path features = dir.resolve("with-age.json");
        FittedFeaturesJson.write(withAge, features);
        Path bundle = dir.resolve("misfit");
        assertThat(DinCli.run(
                        "import",
                        "--torchscript",
                        FIXTURE.resolve("model.pt").toString(),
                        "--features",
                        features.toString(),
                        "--out",
                        bundle.toString()))
                .isNotZero();
        assertThatThrownBy(() -> ModelBundle.load(bundle, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("the TorchScript module must take forward(history: int64 [C, 2, L], "
                        + "candidate: int64 [C, 2], categorical: int64 [C, 0], numeric: float32 [C, 1]) and return "
                        + "float32 logits [C]");
    }

    private static JsonNode post(String url, Map<String, Object> request) throws Exception {
        HttpResponse<String> response = send(url, request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String url, Map<String, Object> request) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}

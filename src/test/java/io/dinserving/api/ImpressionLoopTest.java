package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.impressions.Impression;
import io.dinserving.train.cli.DinCli;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Served rankings are logged as the model saw them, and prepare turns them and later clicks into samples. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.impressions.sample-rate=1", "din.batching.request-timeout=60s"})
class ImpressionLoopTest extends ApiTestSupport {

    static Path dir;

    @DynamicPropertySource
    static void impressions(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("impressions");
        registry.add("din.impressions.directory", () -> dir.resolve("log").toString());
    }

    @Test
    void aRankingIsLoggedAsScoredAndJoinedWithItsClicks() throws Exception {
        List<String> items =
                bundle().manifest().features().vocabularies().get("itemId").tokens();
        String events = JSON.writeValueAsString(Map.of(
                "events",
                List.of(
                        Map.of("userId", "loop", "itemId", items.get(1), "timestamp", 1000),
                        Map.of("userId", "loop", "itemId", items.get(2), "timestamp", 2000))));
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(events))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        Reply ranked = post(Map.of("userId", "loop", "candidates", items.subList(10, 15), "topK", 3));
        assertThat(ranked.status()).isEqualTo(200);

        Impression logged = awaitImpression();
        assertThat(logged.userId()).isEqualTo("loop");
        assertThat(logged.modelVersion())
                .isEqualTo(ranked.body().get("modelVersion").asString());
        assertThat(logged.history()).extracting(tokens -> tokens.get(0)).containsExactly(items.get(1), items.get(2));
        assertThat(logged.items())
                .extracting(Impression.Shown::itemId)
                .containsExactly(ranked.body()
                        .get("items")
                        .valueStream()
                        .map(i -> i.get("itemId").asString())
                        .toArray(String[]::new));
        assertThat(logged.items().get(0).score())
                .isEqualTo(
                        ranked.body().get("items").get(0).get("score").asDouble(),
                        org.assertj.core.api.Assertions.offset(1e-6));

        // The user clicks the second shown item a minute later.
        String clicked = logged.items().get(1).itemId();
        Files.writeString(
                dir.resolve("clicks.jsonl"),
                "{\"userId\": \"loop\", \"itemId\": \"" + clicked + "\", \"timestamp\": " + (logged.time() + 60_000)
                        + ", \"type\": \"click\"}\n");
        Path samples = dir.resolve("samples.csv");
        int exit = DinCli.run(
                "prepare",
                "--impressions",
                partFile().toString(),
                "--events",
                dir.resolve("clicks.jsonl").toString(),
                "--out",
                samples.toString());

        assertThat(exit).isZero();
        List<String> rows = Files.readAllLines(samples);
        assertThat(rows).hasSize(4); // the header and the three shown items
        assertThat(rows.stream().filter(r -> r.contains(clicked)))
                .singleElement()
                .asString()
                .contains(",1,");
    }

    private Path partFile() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            return files.filter(f -> f.toString().endsWith(".jsonl.part"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private Impression awaitImpression() throws Exception {
        for (int i = 0; i < 200; i++) {
            if (Files.isDirectory(dir.resolve("log"))) {
                List<String> lines = Files.readAllLines(partFile());
                if (!lines.isEmpty()) {
                    return JSON.readValue(lines.get(0), Impression.class);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no impression logged within 10 s");
    }
}

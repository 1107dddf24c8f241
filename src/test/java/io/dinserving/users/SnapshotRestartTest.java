package io.dinserving.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.DinServingApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What a user did before a restart is there after it, with din.users.snapshot set. */
class SnapshotRestartTest {

    @TempDir
    Path dir;

    @Test
    void eventsAcknowledgedBeforeAShutdownAreThereAfterTheRestart() throws Exception {
        String snapshot = "--din.users.snapshot=" + dir.resolve("users.jsonl.gz");
        String item;
        try (ConfigurableApplicationContext app = start(snapshot)) {
            item = app.getBean(io.dinserving.serving.ModelRegistry.class)
                    .servedModels()
                    .get(0)
                    .bundle()
                    .manifest()
                    .features()
                    .vocabularies()
                    .get("itemId")
                    .tokens()
                    .get(5);
            String event = "{\"userId\": \"u1\", \"itemId\": \"" + item + "\", \"timestamp\": 1000}";
            // One bad part refuses the batch whole: u1's event is not written with it.
            HttpResponse<String> refused = postEvents(
                    app, "{\"events\": [" + event + "], \"profiles\": [{\"userId\": \"u2\", \"features\": {}}]}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            HttpResponse<String> written = postEvents(app, "{\"events\": [" + event + "]}");
            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext app = start(snapshot)) {
            InMemoryUserStore store = app.getBean(InMemoryUserStore.class);
            assertThat(store.users()).isEqualTo(1);
            assertThat(store.find("u1").orElseThrow().behaviours())
                    .extracting(Behaviour::itemId)
                    .containsExactly(item);
        }
    }

    private static HttpResponse<String> postEvents(ConfigurableApplicationContext app, String body) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext start(String snapshot) {
        return new SpringApplicationBuilder(DinServingApplication.class)
                .run("--server.port=0", "--din.model.poll-interval=0", snapshot);
    }
}

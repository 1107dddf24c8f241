package io.dinserving;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.bundle.ModelBundle;
import io.dinserving.bundle.ModelRepository;
import io.dinserving.serving.ModelRegistry;
import io.dinserving.serving.ServedVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A new version copied into the repository while clients post without pause: nobody gets an error,
 * every answer names the old or the new version, and the old one is closed once it is done. A
 * corrupt version published afterwards changes nothing but the {@code models} endpoint.
 */
class ModelReloadUnderLoadTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int CLIENTS = 8;

    @TempDir
    Path repository;

    record Answer(Instant started, int status, String version) {}

    @Test
    void aNewVersionTakesOverUnderLoadWithoutAnErrorAndACorruptOneIsOnlyReported() throws Exception {
        publishDefault();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DinServingApplication.class)
                .run(
                        "--server.port=0",
                        "--din.model.path=" + repository,
                        "--din.model.poll-interval=100ms",
                        "--din.cache.enabled=false")) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            ModelRegistry registry = app.getBean(ModelRegistry.class);
            ServedVersion first = registry.servedModels().get(0);
            List<String> items =
                    first.manifest().features().vocabularies().get("itemId").tokens();

            Queue<Answer> answers = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> loops = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                loops.add(clients.submit(() -> post(base, items, running, answers)));
            }

            Thread.sleep(500);
            publishDefault();
            awaitState(base, "2", "SERVING");
            awaitState(base, "1", "RETIRED");
            Instant swapped = registry.servingSince();

            Path corrupt = publishDefault();
            Files.writeString(corrupt.resolve(ModelBundle.MANIFEST), "{\"formatVersion\": 2, \"features\": ");
            JsonNode failed = awaitState(base, "3", "FAILED");
            Thread.sleep(300);

            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();

            assertThat(answers).hasSizeGreaterThan(CLIENTS * 4);
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
            assertThat(answers)
                    .extracting(Answer::version)
                    .containsOnly("1", "2")
                    .contains("1", "2");
            assertThat(answers)
                    .filteredOn(a -> a.started().isAfter(swapped))
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a.version()).isEqualTo("2"));
            assertThat(first.isClosed()).isTrue();
            assertThat(failed.get("reason").asString()).contains("manifest.json is not a valid manifest");
            assertThat(registry.servedModels())
                    .extracting(ServedVersion::version)
                    .containsExactly("2");
        }
    }

    /**
     * SIGTERM's path: the context closes while clients post. Requests already taken are answered;
     * later ones find the port closed; none gets a 5xx, and the model closes after the server.
     */
    @Test
    void aShutdownUnderLoadAnswersWhatItTookAndThenClosesTheModel() throws Exception {
        publishDefault();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DinServingApplication.class)
                .run("--server.port=0", "--din.model.path=" + repository, "--din.cache.enabled=false");
        String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        ServedVersion model = app.getBean(ModelRegistry.class).servedModels().get(0);
        List<String> items =
                model.manifest().features().vocabularies().get("itemId").tokens();
        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> loops = new java.util.ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            loops.add(clients.submit(() -> post(base, items, running, answers)));
        }
        Thread.sleep(500);
        app.close();
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(answers).filteredOn(a -> a.status() == 200).hasSizeGreaterThan(10);
        assertThat(answers).noneSatisfy(a -> assertThat(a.status()).isGreaterThanOrEqualTo(500));
        assertThat(answers)
                .filteredOn(a -> a.status() != 200)
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(-1)); // refused at the socket, not answered badly
        assertThat(model.isClosed()).isTrue();
    }

    private static void post(String base, List<String> items, AtomicBoolean running, Queue<Answer> answers) {
        Random random = new Random(Thread.currentThread().getId());
        while (running.get()) {
            StringBuilder body = new StringBuilder("{\"userId\": \"u" + random.nextInt(1000) + "\", \"behaviors\": [");
            for (int i = 0; i < 20; i++) {
                body.append(i == 0 ? "" : ",")
                        .append('"')
                        .append(items.get(random.nextInt(items.size())))
                        .append('"');
            }
            body.append("], \"candidates\": [");
            for (int i = 0; i < 30; i++) {
                body.append(i == 0 ? "" : ",")
                        .append('"')
                        .append(items.get(random.nextInt(items.size())))
                        .append('"');
            }
            body.append("]}");
            Instant started = Instant.now();
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/recommend"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                String version = response.statusCode() == 200
                        ? JSON.readTree(response.body()).get("modelVersion").asString()
                        : null;
                answers.add(new Answer(started, response.statusCode(), version));
            } catch (Exception e) {
                answers.add(new Answer(started, -1, e.toString()));
            }
        }
    }

    /** Polls {@code /actuator/models} until the version is in the state, and returns its entry. */
    private static JsonNode awaitState(String base, String version, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode models = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(base + "/actuator/models"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            for (JsonNode model : models) {
                if (model.get("version").asString().equals(version)
                        && model.get("state").asString().equals(state)) {
                    return model;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("version " + version + " never became " + state);
    }

    private Path publishDefault() throws Exception {
        Path staged = Files.createTempDirectory(repository, ".staging-");
        try (Stream<Path> files = Files.list(Path.of("models/default"))) {
            for (Path f : files.toList()) {
                Files.copy(f, staged.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new ModelRepository(repository).publish(staged);
    }
}

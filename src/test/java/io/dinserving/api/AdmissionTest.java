package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.ModelConfig;
import io.dinserving.serving.ModelRegistry;
import io.dinserving.serving.OverloadedException;
import io.dinserving.serving.Scorer;
import io.dinserving.serving.ScoringVersion;
import io.dinserving.serving.VersionLease;
import io.dinserving.serving.VersionSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The scoring queue, not the server's thread pool, decides what is admitted: a request waiting for
 * its scores holds no thread, so with more requests waiting than threads the next one is still
 * read, and refused at once with a 503 when the queue is full. Were threads held, requests beyond
 * them would wait unread in the connection backlog, where no limit or deadline of ours applies.
 *
 * <p>The real default version encodes; its scorer is replaced by one that holds up to {@code
 * QUEUE} requests unanswered until the test lets them go, and refuses more as a full queue does.
 * While it holds that many, the version reports itself saturated, as a full batcher does.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=2", "din.cache.enabled=false"})
@Import(AdmissionTest.HeldScoring.class)
class AdmissionTest extends ApiTestSupport {

    static final int QUEUE = 6;
    static final int REQUESTS = 10;
    static final ConcurrentLinkedQueue<CompletableFuture<Void>> HELD = new ConcurrentLinkedQueue<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class HeldScoring {
        @Bean
        @Primary
        VersionSelector heldVersions(ModelRegistry registry) {
            return new VersionSelector() {
                @Override
                public VersionLease lease(String userId) {
                    VersionLease real = registry.lease(userId);
                    return new VersionLease(new HeldVersion(real.version()), real::close);
                }

                @Override
                public boolean saturated() {
                    return HELD.size() >= QUEUE;
                }
            };
        }
    }

    /** The served version, but scored by {@link #hold}: a later candidate scores higher. */
    record HeldVersion(ScoringVersion real) implements ScoringVersion {
        @Override
        public String version() {
            return real.version();
        }

        @Override
        public RequestEncoder encoder() {
            return real.encoder();
        }

        @Override
        public ModelConfig architecture() {
            return real.architecture();
        }

        @Override
        public Scorer scorer() {
            return HeldVersion::hold;
        }

        @Override
        public CompiledDin.Explanation explain(EncodedRequest request) {
            return real.explain(request);
        }

        static synchronized CompletableFuture<float[]> hold(EncodedRequest request, long deadlineNanos) {
            if (HELD.size() >= QUEUE) {
                throw new OverloadedException("the scoring queue is full (" + QUEUE + " requests waiting)");
            }
            CompletableFuture<Void> released = new CompletableFuture<>();
            HELD.add(released);
            return released.thenApply(ignored -> scoresFor(request));
        }

        static float[] scoresFor(EncodedRequest request) {
            float[] scores = new float[request.rows()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = 0.5f + i / 100f;
            }
            return scores;
        }
    }

    private final ExecutorService clients = Executors.newFixedThreadPool(QUEUE);

    @AfterEach
    void releaseEverythingHeld() {
        release();
        HELD.clear();
        clients.shutdownNow();
    }

    @Test
    void aFullQueueRefusesBeforeTheBodyIsRead() throws Exception {
        List<Future<Reply>> held = fillTheQueue(List.of("i1"));

        double refusedBefore = refusalsCounted();
        // Not JSON at all: read, it would be a 400; refused unread, it is the queue's 503.
        Reply refused = post("{\"candidates\": [");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("detail").asString()).contains("scoring queue is full");
        assertThat(refused.headers()).containsKey("retry-after");
        assertThat(refusalsCounted()).isEqualTo(refusedBefore + 1);

        release();
        for (Future<Reply> reply : held) {
            assertThat(reply.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        HELD.clear();
        assertThat(post("{\"candidates\": [").status()).isEqualTo(400);
    }

    @Test
    void requestsBeyondTheThreadsAreQueuedAndThoseBeyondTheQueueAreRefusedAtOnce() throws Exception {
        // Six requests wait for scores on a server of two threads.
        List<Future<Reply>> held = fillTheQueue(List.of("i1", "i2", "i3"));

        for (int i = QUEUE; i < REQUESTS; i++) {
            Reply refused = post(Map.of("candidates", List.of("i4")));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers()).containsKey("retry-after");
        }
        assertThat(held).noneMatch(Future::isDone);

        release();
        for (Future<Reply> reply : held) {
            Reply answered = reply.get(30, TimeUnit.SECONDS);
            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.body().get("items")).hasSize(3);
            assertThat(answered.body().get("items").get(0).get("itemId").asString())
                    .isEqualTo("i3");
        }
    }

    /** Sends {@code QUEUE} requests of these candidates and waits until the scorer holds them all. */
    private List<Future<Reply>> fillTheQueue(List<String> candidates) throws InterruptedException {
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < QUEUE; i++) {
            replies.add(clients.submit(() -> post(Map.of("candidates", candidates))));
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (HELD.size() < QUEUE && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        assertThat(HELD).hasSize(QUEUE);
        return replies;
    }

    /** Lets every held request have its scores. */
    private static void release() {
        HELD.forEach(scores -> scores.complete(null));
    }

    /** Refusals of /recommend in {@code http.server.requests}, as Prometheus reads them. */
    private double refusalsCounted() throws Exception {
        return get("/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("status=\"503\"")
                        && line.contains("uri=\"/recommend\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}

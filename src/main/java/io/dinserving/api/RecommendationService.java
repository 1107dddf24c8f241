package io.dinserving.api;

import com.github.benmanes.caffeine.cache.Cache;
import io.dinserving.batching.BatchingProperties;
import io.dinserving.cache.RecommendationKey;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.impressions.ImpressionLog;
import io.dinserving.metrics.ServingMetrics;
import io.dinserving.ranking.RankedItem;
import io.dinserving.ranking.Ranker;
import io.dinserving.serving.ScoringVersion;
import io.dinserving.serving.VersionLease;
import io.dinserving.serving.VersionSelector;
import io.dinserving.users.UserStore;
import io.dinserving.users.UsersProperties;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The request path: pick the version for the user, validate against it, add what the user store
 * holds, encode with its fitted features, look up the cache, score, rank, cache, and log a sampled
 * impression. The request keeps a lease on its version until it is answered, so a version swapped
 * out meanwhile still answers it.
 */
@Service
class RecommendationService {

    /** The key the version that answered goes under, on the request's observation and so its meters. */
    static final String VERSION_KEY = "version";

    private final RequestValidator validator;
    private final UserContext users;
    private final ImpressionRecorder impressions;
    private final VersionSelector versions;
    private final Cache<RecommendationKey, List<RankedItem>> cache;
    private final long timeoutNanos;
    private final ServingMetrics metrics;
    private final ObservationRegistry observations;
    private final ExplainAdmission explains;

    RecommendationService(
            ApiProperties limits,
            VersionSelector versions,
            Cache<RecommendationKey, List<RankedItem>> cache,
            BatchingProperties batching,
            ServingMetrics metrics,
            UserStore users,
            UsersProperties userSettings,
            ImpressionLog impressions,
            ObjectProvider<ObservationRegistry> observations,
            @Value("${server.tomcat.threads.max:200}") int serverThreads) {
        this.validator = new RequestValidator(limits, userSettings.history());
        this.users = new UserContext(users);
        this.impressions = new ImpressionRecorder(impressions, Clock.systemUTC());
        this.versions = versions;
        this.cache = cache;
        this.timeoutNanos = batching.requestTimeout().toNanos();
        this.explains = ExplainAdmission.forServer(batching.workers(), serverThreads, System::nanoTime);
        this.metrics = metrics;
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    /** A response, and whether it came from the cache. */
    record Outcome(RecommendResponse response, boolean cacheHit) {}

    /**
     * Answers a request. What can be refused at once (invalid input, a full queue) is thrown here;
     * the scores come later, so no server thread waits for them and the scoring queue, not the
     * thread pool, decides how much work is admitted.
     */
    CompletableFuture<Outcome> recommend(RecommendRequest request, String requestId) {
        long started = System.nanoTime();
        if (request == null) {
            throw new InvalidRequestException("body", "a JSON body is required");
        }
        VersionLease lease = versions.lease(request.userId());
        CompletableFuture<Outcome> outcome;
        try {
            outcome = answer(lease.version(), request, requestId, started);
        } catch (RuntimeException refused) {
            lease.close();
            throw refused;
        }
        return outcome.whenComplete((answered, failure) -> lease.close());
    }

    private CompletableFuture<Outcome> answer(
            ScoringVersion version, RecommendRequest request, String requestId, long started) {
        observe(version.version(), request);
        ValidRequest valid = users.complete(validator.validate(request, version), version.encoder());
        metrics.candidates(version.version(), request.candidates().size());
        EncodedRequest encoded = version.encoder()
                .encode(valid.behaviours(), valid.candidates(), valid.userFeatures(), request.context());
        if (valid.explain()) {
            // Scored on this thread, off the batches, and never cached: plain requests keep their path.
            return CompletableFuture.completedFuture(new Outcome(
                    explains.run(() -> Explanations.response(version, valid, encoded, started), started + timeoutNanos),
                    false));
        }
        RecommendationKey key = RecommendationKey.of(version.identity(), encoded, valid.ids(), valid.topK());
        List<RankedItem> cached = cache.getIfPresent(key);
        if (cached != null) {
            impressions.record(requestId, version, valid, cached);
            return CompletableFuture.completedFuture(outcome(version, valid, cached, started, true));
        }
        return version.scorer().score(encoded, started + timeoutNanos).thenApply(scores -> {
            List<RankedItem> ranked = Ranker.rank(valid.ids(), scores, valid.topK());
            cache.put(key, ranked);
            impressions.record(requestId, version, valid, ranked);
            return outcome(version, valid, ranked, started, false);
        });
    }

    private static Outcome outcome(
            ScoringVersion version, ValidRequest valid, List<RankedItem> ranked, long started, boolean hit) {
        // Names are looked up per response, not cached: the ranking is shared, the names are the bundle's.
        List<RankedItem> named =
                ranked.stream().map(r -> r.named(version.itemName(r.itemId()))).toList();
        return new Outcome(
                new RecommendResponse(
                        version.version(),
                        named,
                        (System.nanoTime() - started) / 1e6,
                        valid.history(),
                        valid.warnings()),
                hit);
    }

    /** Tags the request's observation, so {@code http.server.requests} tells versions apart. */
    private void observe(String version, RecommendRequest request) {
        Observation observation = observations.getCurrentObservation();
        if (observation != null) {
            observation.lowCardinalityKeyValue(VERSION_KEY, version);
            if (request.candidates() != null) {
                observation.highCardinalityKeyValue(
                        "candidates", String.valueOf(request.candidates().size()));
            }
        }
    }
}

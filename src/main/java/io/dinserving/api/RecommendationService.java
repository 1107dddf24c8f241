package io.dinserving.api;

import com.github.benmanes.caffeine.cache.Cache;
import io.dinserving.batching.BatchingProperties;
import io.dinserving.batching.DeadlineExceededException;
import io.dinserving.cache.RecommendationKey;
import io.dinserving.feature.DistinctCandidates;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.InvalidFeatureException;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.metrics.ServingMetrics;
import io.dinserving.model.ModelConfig;
import io.dinserving.model.ModelLease;
import io.dinserving.model.ModelRouter;
import io.dinserving.model.ScoringModel;
import io.dinserving.ranking.RankedItem;
import io.dinserving.ranking.Ranker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The request path: pick the version for the user, validate, encode with that version's fitted
 * features, look up the cache, score in a dynamic batch, rank, cache. The request keeps a lease on
 * its version until it is answered, so a version swapped out meanwhile still answers it.
 */
@Service
class RecommendationService {

    private final RequestValidator validator;
    private final ModelRouter models;
    private final Cache<RecommendationKey, List<RankedItem>> cache;
    private final long timeoutNanos;
    private final ServingMetrics metrics;

    RecommendationService(
            ApiProperties limits,
            ModelRouter models,
            Cache<RecommendationKey, List<RankedItem>> cache,
            BatchingProperties batching,
            ServingMetrics metrics) {
        this.metrics = metrics;
        this.validator = new RequestValidator(limits);
        this.models = models;
        this.cache = cache;
        this.timeoutNanos = batching.requestTimeout().toNanos();
    }

    /** A response, and whether it came from the cache. */
    record Outcome(RecommendResponse response, boolean cacheHit) {}

    Outcome recommend(RecommendRequest request) {
        long started = System.nanoTime();
        validator.validate(request);
        try (ModelLease lease = models.lease(request.userId())) {
            ScoringModel model = lease.model();
            RequestContextHolder.currentRequestAttributes()
                    .setAttribute(RequestMetricsFilter.VERSION, model.version(), RequestAttributes.SCOPE_REQUEST);
            FeatureSpec spec = model.encoder().spec();
            validator.validateAttributes(request, spec.attributeNames());
            metrics.candidates(model.version(), request.candidates().size());
            Map<String, ItemRef> unique = new LinkedHashMap<>();
            for (ItemRef c : request.candidates()) {
                unique.putIfAbsent(c.itemId(), c); // a duplicate is scored once, at its first position
            }
            List<String> ids = new ArrayList<>(unique.keySet());
            EncodedRequest encoded = encode(model.encoder(), request, unique.values());
            int topK = request.topK() == null ? ids.size() : Math.min(request.topK(), ids.size());
            List<FieldWarnings.Warning> warnings =
                    FieldWarnings.of(request, spec.featureNames(FeatureSpec.Source.CONTEXT));
            if (Boolean.TRUE.equals(request.explain())) {
                ModelConfig architecture = model.architecture();
                if (architecture == null) {
                    throw new InvalidRequestException(
                            "explain",
                            "version " + model.version() + " is an imported TorchScript model, which cannot show its "
                                    + "attention weights; ask without explain");
                }
                // Scored on this thread, off the batches, and never cached: plain requests keep their path.
                List<RankedItem> explained = Explanations.rank(model, request, ids, encoded, topK);
                return new Outcome(
                        new RecommendResponse(
                                model.version(),
                                explained,
                                (System.nanoTime() - started) / 1e6,
                                warnings,
                                architecture.variant().label(),
                                Explanations.weightKind(architecture)),
                        false);
            }
            RecommendationKey key = RecommendationKey.of(model.identity(), encoded, ids, topK);
            List<RankedItem> cached = cache.getIfPresent(key);
            if (cached != null) {
                return new Outcome(response(model, cached, warnings, started), true);
            }
            DistinctCandidates distinct = DistinctCandidates.of(encoded);
            float[] scores = distinct.expand(score(model, distinct.request(), started));
            List<RankedItem> ranked = Ranker.rank(ids, scores, topK);
            cache.put(key, ranked);
            return new Outcome(response(model, ranked, warnings, started), false);
        }
    }

    private static EncodedRequest encode(
            RequestEncoder encoder, RecommendRequest request, Collection<ItemRef> candidates) {
        List<Item> behaviours = request.behaviors() == null
                ? List.of()
                : request.behaviors().stream().map(RecommendationService::item).toList();
        List<Item> items = candidates.stream().map(RecommendationService::item).toList();
        try {
            return encoder.encode(behaviours, items, request.userFeatures(), request.context());
        } catch (InvalidFeatureException e) {
            String object = e.source() == FeatureSpec.Source.USER ? "userFeatures." : "context.";
            throw new InvalidRequestException(object + e.feature(), e.getMessage());
        }
    }

    /** The validator has checked that every attribute value is a string or null. */
    private static Item item(ItemRef ref) {
        if (ref.attributes().isEmpty()) {
            return Item.of(ref.itemId());
        }
        Map<String, String> attributes = new HashMap<>();
        ref.attributes().forEach((name, value) -> attributes.put(name, (String) value));
        return new Item(ref.itemId(), attributes);
    }

    private float[] score(ScoringModel model, EncodedRequest encoded, long started) {
        long deadline = started + timeoutNanos;
        CompletableFuture<float[]> future = model.batcher().submit(encoded, deadline);
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ScoringTimeoutException("scores did not arrive within " + timeoutNanos / 1_000_000 + " ms");
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new ScoringTimeoutException("interrupted while waiting for scores");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeadlineExceededException d) {
                throw new ScoringTimeoutException(d.getMessage());
            }
            throw new IllegalStateException("scoring failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static RecommendResponse response(
            ScoringModel model, List<RankedItem> items, List<FieldWarnings.Warning> warnings, long started) {
        return new RecommendResponse(model.version(), items, (System.nanoTime() - started) / 1e6, warnings);
    }
}

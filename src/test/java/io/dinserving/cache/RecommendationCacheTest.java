package io.dinserving.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.ranking.RankedItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The response cache holds at most its bytes, however large each request is. */
class RecommendationCacheTest {

    /** A request of {@code n} candidates with 128-character ids, as the attack that exhausted the heap sent. */
    private static RecommendationKey key(int request, int n, List<String> ids) {
        List<EncodedCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            candidates.add(new EncodedCandidate(new int[] {i, 1}));
            ids.add(("r" + request + "-c" + i + "-").repeat(30).substring(0, 128));
        }
        EncodedContext context = new EncodedContext(new int[100], 50, new int[0], new float[0]);
        return RecommendationKey.of("v1@1", new EncodedRequest(context, candidates), ids, n);
    }

    private static List<RankedItem> ranking(List<String> ids) {
        List<RankedItem> ranked = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ranked.add(new RankedItem(ids.get(i), 0.5f, i + 1));
        }
        return ranked;
    }

    @Test
    void aLargeEntryWeighsAtLeastItsIds() {
        List<String> ids = new ArrayList<>();
        RecommendationKey key = key(0, 1000, ids);

        int weight = new RecommendationWeigher().weigh(key, ranking(ids));

        // 1,000 ids of 128 characters, held by the key and by the ranking
        assertThat(weight).isGreaterThan(2 * 1000 * 128);
    }

    @Test
    void entriesBeyondTheBytesAreEvicted() {
        Cache<RecommendationKey, List<RankedItem>> cache = new CacheConfiguration()
                .recommendationCache(new CacheProperties(true, DataSize.ofMegabytes(4), Duration.ofMinutes(1)));
        for (int request = 0; request < 200; request++) {
            List<String> ids = new ArrayList<>();
            RecommendationKey key = key(request, 1000, ids);
            cache.put(key, ranking(ids));
        }
        cache.cleanUp();

        long weighed = cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
        assertThat(weighed).isLessThanOrEqualTo(DataSize.ofMegabytes(4).toBytes());
        assertThat(cache.estimatedSize()).isBetween(1L, 20L);
    }

    @Test
    void theDefaultIsATenthOfTheHeap() {
        CacheProperties defaults = new CacheProperties(null, null, null);

        assertThat(defaults.maxBytes().toBytes())
                .isEqualTo((long) (Runtime.getRuntime().maxMemory() * CacheProperties.DEFAULT_HEAP_SHARE));
    }
}

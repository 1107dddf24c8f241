package io.dinserving.cache;

import com.github.benmanes.caffeine.cache.Weigher;
import io.dinserving.ranking.RankedItem;
import java.util.List;

/**
 * What a cache entry costs on the heap, estimated from its parts: the key's arrays and candidate ids,
 * and one ranked item per returned candidate. Object headers and references are counted at a 64-bit
 * JVM's compressed sizes; strings as Latin-1 or UTF-16 bytes, whichever is larger.
 */
final class RecommendationWeigher implements Weigher<RecommendationKey, List<RankedItem>> {

    static final int OBJECT = 16;
    static final int REFERENCE = 4;
    static final int STRING = OBJECT + 24;

    @Override
    public int weigh(RecommendationKey key, List<RankedItem> ranked) {
        long bytes = key.estimatedBytes() + OBJECT + (long) ranked.size() * REFERENCE;
        for (RankedItem item : ranked) {
            bytes += OBJECT + 12 + REFERENCE * 3 + string(item.itemId()) + string(item.name());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    static long string(String s) {
        return s == null ? 0 : STRING + 2L * s.length();
    }
}

package io.dinserving.cache;

import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cache key: the model version, the encoded request, the candidate ids as sent (two unknown ids
 * encode alike but are answered under their own names) and top-k. Compared by content.
 */
public final class RecommendationKey {

    private final String modelVersion;
    private final int topK;
    private final int[] history;
    private final int[] profile;
    private final float[] numeric;
    private final int[] candidates;
    private final List<String> candidateIds;
    private final int hash;

    private RecommendationKey(
            String modelVersion,
            int topK,
            int[] history,
            int[] profile,
            float[] numeric,
            int[] candidates,
            List<String> candidateIds) {
        this.modelVersion = modelVersion;
        this.topK = topK;
        this.history = history;
        this.profile = profile;
        this.numeric = numeric;
        this.candidates = candidates;
        this.candidateIds = List.copyOf(candidateIds);
        this.hash = Objects.hash(
                modelVersion,
                topK,
                Arrays.hashCode(history),
                Arrays.hashCode(profile),
                Arrays.hashCode(numeric),
                Arrays.hashCode(candidates),
                candidateIds);
    }

    public static RecommendationKey of(
            String modelVersion, EncodedRequest request, List<String> candidateIds, int topK) {
        int[] candidates = request.candidates().stream()
                .map(EncodedCandidate::ids)
                .flatMapToInt(Arrays::stream)
                .toArray();
        return new RecommendationKey(
                modelVersion,
                topK,
                request.context().historyIds(),
                request.context().profileIds(),
                request.context().numeric(),
                candidates,
                candidateIds);
    }

    /** Its size on the heap, estimated: the arrays, the candidate ids and the fields. */
    long estimatedBytes() {
        long bytes = RecommendationWeigher.OBJECT * 6L
                + 4L * (history.length + profile.length + numeric.length + candidates.length)
                + RecommendationWeigher.string(modelVersion)
                + (long) RecommendationWeigher.REFERENCE * candidateIds.size();
        for (String id : candidateIds) {
            bytes += RecommendationWeigher.string(id);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecommendationKey k
                && hash == k.hash
                && topK == k.topK
                && modelVersion.equals(k.modelVersion)
                && Arrays.equals(history, k.history)
                && Arrays.equals(profile, k.profile)
                && Arrays.equals(numeric, k.numeric)
                && Arrays.equals(candidates, k.candidates)
                && candidateIds.equals(k.candidateIds);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}

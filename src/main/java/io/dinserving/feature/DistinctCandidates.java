package io.dinserving.feature;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidates that encode alike (two unknown ids, say) are scored once and share the score. Besides
 * saving work, this makes their scores exactly equal, so ties are real ties: a forward pass may
 * round a row differently depending on where it sits in the batch.
 *
 * @param request the request with each distinct encoding once
 * @param indexOf for each original candidate, the index of its encoding in {@code request}
 */
public record DistinctCandidates(EncodedRequest request, int[] indexOf) {

    public static DistinctCandidates of(EncodedRequest request) {
        List<EncodedCandidate> candidates = request.candidates();
        Map<IntBuffer, Integer> seen = new HashMap<>();
        List<EncodedCandidate> distinct = new ArrayList<>();
        int[] indexOf = new int[candidates.size()];
        for (int i = 0; i < indexOf.length; i++) {
            EncodedCandidate c = candidates.get(i);
            Integer index = seen.putIfAbsent(IntBuffer.wrap(c.ids()), distinct.size());
            if (index == null) {
                index = distinct.size();
                distinct.add(c);
            }
            indexOf[i] = index;
        }
        EncodedRequest compact =
                distinct.size() == candidates.size() ? request : new EncodedRequest(request.context(), distinct);
        return new DistinctCandidates(compact, indexOf);
    }

    /** Spreads the distinct scores back over the original candidates. */
    public float[] expand(float[] distinctScores) {
        float[] scores = new float[indexOf.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = distinctScores[indexOf[i]];
        }
        return scores;
    }
}

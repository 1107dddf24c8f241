package io.dinserving.model;

import ai.djl.inference.Predictor;
import io.dinserving.batching.BatchProcessor;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.FeatureSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a batch of encoded requests in one forward pass with a predictor of its own. One per
 * batch worker thread: a DJL predictor is not thread-safe.
 */
public final class BatchScorer implements BatchProcessor<EncodedRequest, float[]> {

    private final Predictor<EncodedBatch, float[]> predictor;
    private final int pairs;
    private final int paddedLength;

    public BatchScorer(ModelBundle bundle) {
        FeatureSpec spec = bundle.manifest().spec();
        this.predictor = bundle.newPredictor();
        this.pairs = spec.attention().size();
        this.paddedLength = spec.maxLength();
    }

    /** A scorer that has already run one forward pass, so the first request pays no warm-up. */
    public static BatchScorer warmedUp(ModelBundle bundle) {
        BatchScorer scorer = new BatchScorer(bundle);
        try {
            scorer.process(List.of(warmUpRequest(bundle.manifest().spec())));
        } catch (Exception e) {
            scorer.close();
            throw new IllegalStateException("warm-up forward pass failed: " + e.getMessage(), e);
        }
        return scorer;
    }

    /** A full-length history of unknown ids and two candidates: the shape of a typical request. */
    static EncodedRequest warmUpRequest(FeatureSpec spec) {
        int[] history = new int[spec.attention().size() * spec.maxLength()];
        Arrays.fill(history, io.dinserving.feature.Vocabulary.OUT_OF_VOCABULARY);
        int[] profile = new int[spec.profile().size()];
        Arrays.fill(profile, io.dinserving.feature.Vocabulary.MISSING);
        EncodedContext context = new EncodedContext(history, spec.maxLength(), profile, new float[spec.numericWidth()]);
        int[] candidate = new int[spec.attention().size()];
        Arrays.fill(candidate, io.dinserving.feature.Vocabulary.OUT_OF_VOCABULARY);
        return new EncodedRequest(context, List.of(new EncodedCandidate(candidate), new EncodedCandidate(candidate)));
    }

    /** One score array per request, one score per candidate in request order. */
    @Override
    public List<float[]> process(List<EncodedRequest> requests) throws Exception {
        List<EncodedContext> contexts = new ArrayList<>(requests.size());
        List<List<EncodedCandidate>> candidates = new ArrayList<>(requests.size());
        for (EncodedRequest r : requests) {
            contexts.add(r.context());
            candidates.add(r.candidates());
        }
        float[] scores = predictor.predict(EncodedBatch.of(contexts, candidates, pairs, paddedLength));
        List<float[]> out = new ArrayList<>(requests.size());
        int from = 0;
        for (EncodedRequest r : requests) {
            out.add(Arrays.copyOfRange(scores, from, from + r.rows()));
            from += r.rows();
        }
        return out;
    }

    @Override
    public void close() {
        predictor.close();
    }
}

package io.dinserving.model;

import ai.djl.inference.Predictor;
import io.dinserving.batching.BatchProcessor;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a batch of encoded requests with a predictor of its own. One per batch worker thread: a
 * DJL predictor is not thread-safe.
 *
 * <p>A forward pass never holds more than {@code maxRows} candidate rows: small requests share a
 * pass, a large request is split across passes, each with its own copy of the history row. Beyond a
 * few hundred rows the attention intermediates outgrow the CPU caches (and glibc's heap, so every
 * pass pays fresh page faults), and a pass gets slower per row, not faster.
 */
public final class BatchScorer implements BatchProcessor<EncodedRequest, float[]> {

    private final Predictor<EncodedBatch, float[]> predictor;
    private final int pairs;
    private final int paddedLength;
    private final int maxRows;

    public BatchScorer(ModelBundle bundle, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
        }
        FeatureSpec spec = bundle.manifest().spec();
        this.predictor = bundle.newPredictor();
        this.pairs = spec.attention().size();
        this.paddedLength = spec.maxLength();
        this.maxRows = maxRows;
    }

    /** A scorer that has already run one forward pass, so the first request pays no warm-up. */
    public static BatchScorer warmedUp(ModelBundle bundle, int maxRows) {
        BatchScorer scorer = new BatchScorer(bundle, maxRows);
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
        Arrays.fill(history, Vocabulary.OUT_OF_VOCABULARY);
        int[] profile = new int[spec.profile().size()];
        Arrays.fill(profile, Vocabulary.MISSING);
        EncodedContext context = new EncodedContext(history, spec.maxLength(), profile, new float[spec.numericWidth()]);
        int[] candidate = new int[spec.attention().size()];
        Arrays.fill(candidate, Vocabulary.OUT_OF_VOCABULARY);
        return new EncodedRequest(context, List.of(new EncodedCandidate(candidate), new EncodedCandidate(candidate)));
    }

    /** One score array per request, one score per candidate in request order. */
    @Override
    public List<float[]> process(List<EncodedRequest> requests) throws Exception {
        List<float[]> out = new ArrayList<>(requests.size());
        for (EncodedRequest r : requests) {
            out.add(new float[r.rows()]);
        }
        List<EncodedContext> contexts = new ArrayList<>();
        List<List<EncodedCandidate>> candidates = new ArrayList<>();
        List<int[]> targets = new ArrayList<>(); // {request index, offset of the piece}
        int rows = 0;
        for (int i = 0; i < requests.size(); i++) {
            EncodedRequest r = requests.get(i);
            for (int from = 0; from < r.rows(); from += maxRows) {
                int to = Math.min(r.rows(), from + maxRows);
                if (rows + (to - from) > maxRows) {
                    forward(contexts, candidates, targets, out);
                    rows = 0;
                }
                contexts.add(r.context());
                candidates.add(r.candidates().subList(from, to));
                targets.add(new int[] {i, from});
                rows += to - from;
            }
        }
        forward(contexts, candidates, targets, out);
        return out;
    }

    /** Runs one pass over the pieces collected so far, copies their scores out, and clears them. */
    private void forward(List<EncodedContext> contexts, List<List<EncodedCandidate>> candidates,
            List<int[]> targets, List<float[]> out) throws Exception {
        if (contexts.isEmpty()) {
            return;
        }
        float[] scores = predictor.predict(EncodedBatch.of(contexts, candidates, pairs, paddedLength));
        int at = 0;
        for (int p = 0; p < targets.size(); p++) {
            int size = candidates.get(p).size();
            System.arraycopy(scores, at, out.get(targets.get(p)[0]), targets.get(p)[1], size);
            at += size;
        }
        contexts.clear();
        candidates.clear();
        targets.clear();
    }

    @Override
    public void close() {
        predictor.close();
    }
}

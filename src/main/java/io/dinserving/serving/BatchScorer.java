package io.dinserving.serving;

import io.dinserving.batching.BatchProcessor;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.feature.EncodedRequest;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.Vocabulary;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.ForwardPass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a batch of encoded requests with the bundle's {@link CompiledDin}. One per batch worker
 * thread, though the compiled graph itself is shared.
 *
 * <p>A forward pass never holds more than {@code maxRows} candidate rows: small requests share a
 * pass, a large request is split across passes, each with its own copy of the history row. Beyond a
 * few hundred rows the attention intermediates outgrow the CPU caches (and glibc's heap, so every
 * pass pays fresh page faults), and a pass gets slower per row, not faster.
 */
public final class BatchScorer implements BatchProcessor<EncodedRequest, float[]> {

    private final ForwardPass model;
    private final int pairs;
    private final int maxRows;
    private final PassListener listener;

    public BatchScorer(ModelBundle bundle, int maxRows) {
        this(bundle, maxRows, PassListener.none());
    }

    /** @param listener told of every forward pass, so a request split in two is two passes */
    public BatchScorer(ModelBundle bundle, int maxRows, PassListener listener) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
        }
        this.model = bundle.scorer();
        this.pairs = bundle.manifest().spec().attention().size();
        this.maxRows = maxRows;
        this.listener = listener;
    }

    /** A scorer that has already run one forward pass, so the first request pays no warm-up. */
    public static BatchScorer warmedUp(ModelBundle bundle, int maxRows, PassListener listener) {
        BatchScorer scorer = new BatchScorer(bundle, maxRows, listener);
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
        int[] profile = new int[spec.categorical().size()];
        Arrays.fill(profile, Vocabulary.MISSING);
        EncodedContext context = new EncodedContext(history, spec.maxLength(), profile, new float[spec.numericWidth()]);
        int[] candidate = new int[spec.attention().size()];
        Arrays.fill(candidate, Vocabulary.OUT_OF_VOCABULARY);
        return new EncodedRequest(context, List.of(new EncodedCandidate(candidate), new EncodedCandidate(candidate)));
    }

    /** One score array per request, one score per candidate in request order. */
    @Override
    public List<float[]> process(List<EncodedRequest> requests) {
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

    /**
     * Runs one pass over the pieces collected so far, copies their scores out, and clears them.
     * Histories are padded to the longest in the pass, not to the model's maximum: padding never
     * changes a score, and short histories then cost less.
     */
    private void forward(
            List<EncodedContext> contexts,
            List<List<EncodedCandidate>> candidates,
            List<int[]> targets,
            List<float[]> out) {
        if (contexts.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        float[] scores =
                model.score(EncodedBatch.of(contexts, candidates, pairs, EncodedBatch.longestHistory(contexts)));
        int at = 0;
        for (int p = 0; p < targets.size(); p++) {
            int size = candidates.get(p).size();
            System.arraycopy(scores, at, out.get(targets.get(p)[0]), targets.get(p)[1], size);
            at += size;
        }
        listener.pass(scores.length, System.nanoTime() - started);
        contexts.clear();
        candidates.clear();
        targets.clear();
    }

    /** The compiled graph belongs to the bundle, which closes it. */
    @Override
    public void close() {}
}

package io.dinserving.train;

import ai.djl.Model;
import io.dinserving.bundle.ModelBundle;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.nn.CompiledDin;
import io.dinserving.nn.DinBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores encoded samples with the graph that serves them, {@link CompiledDin}, so an evaluation's
 * scores are the scores a deployed bundle answers with; and lays samples out as batches.
 */
public final class Scoring {

    private Scoring() {}

    /**
     * Lays out samples as a compact batch: consecutive samples sharing a context become one request
     * row with several candidate rows. Histories are padded to the longest among them.
     */
    public static EncodedBatch batch(List<EncodedSample> samples, int pairs) {
        List<EncodedContext> contexts = new ArrayList<>();
        List<List<EncodedCandidate>> candidates = new ArrayList<>();
        EncodedContext last = null;
        for (EncodedSample s : samples) {
            if (s.context() != last) {
                contexts.add(s.context());
                candidates.add(new ArrayList<>());
                last = s.context();
            }
            candidates.get(candidates.size() - 1).add(s.candidate());
        }
        return EncodedBatch.of(contexts, candidates, pairs, EncodedBatch.longestHistory(contexts));
    }

    /**
     * Click probabilities of every sample, in order. The model is compiled for this call from its
     * parameters as they are now, and the compiled arrays are freed before it returns.
     */
    public static float[] score(Model model, List<EncodedSample> samples, int pairs, int batchSize) {
        float[] scores = new float[samples.size()];
        try (CompiledDin compiled = CompiledDin.compile((DinBlock) model.getBlock(), model.getNDManager())) {
            for (int from = 0; from < samples.size(); from += batchSize) {
                int to = Math.min(samples.size(), from + batchSize);
                float[] part = compiled.score(batch(samples.subList(from, to), pairs));
                System.arraycopy(part, 0, scores, from, part.length);
            }
        }
        return scores;
    }

    /**
     * What {@code evaluate} scores: raw samples encoded with the bundle's own features and scored
     * by the model it serves with.
     */
    public static float[] score(ModelBundle bundle, List<Sample> samples, int batchSize) {
        return score(bundle, samples, batchSize, WorkProgress.silent());
    }

    /** As {@link #score(ModelBundle, List, int)}, reporting each batch scored. */
    public static float[] score(ModelBundle bundle, List<Sample> samples, int batchSize, WorkProgress progress) {
        List<EncodedSample> encoded = FeatureFitter.encode(bundle.encoder(), samples);
        int pairs = bundle.manifest().spec().attention().size();
        float[] scores = new float[encoded.size()];
        for (int from = 0; from < encoded.size(); from += batchSize) {
            int to = Math.min(encoded.size(), from + batchSize);
            float[] part = bundle.scorer().score(batch(encoded.subList(from, to), pairs));
            System.arraycopy(part, 0, scores, from, part.length);
            progress.advance(to, encoded.size());
        }
        return scores;
    }

    /** Scores and evaluates raw samples as {@link #score(ModelBundle, List, int)} does. */
    public static BinaryMetrics evaluate(ModelBundle bundle, List<Sample> samples, int batchSize) {
        float[] scores = score(bundle, samples, batchSize);
        int[] labels = samples.stream().mapToInt(Sample::label).toArray();
        return BinaryMetrics.of(
                scores, labels, samples.stream().map(Sample::user).toList());
    }

    /** Scores and evaluates samples. */
    public static BinaryMetrics evaluate(Model model, List<EncodedSample> samples, int pairs, int batchSize) {
        float[] scores = score(model, samples, pairs, batchSize);
        int[] labels = samples.stream().mapToInt(EncodedSample::label).toArray();
        return BinaryMetrics.of(
                scores, labels, samples.stream().map(EncodedSample::user).toList());
    }
}

package io.dinserving.train;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.model.DinTranslator;
import java.util.ArrayList;
import java.util.List;

/** Scores encoded samples in eval mode through the serving translator, and batches them. */
public final class Scoring {

    private Scoring() {}

    /**
     * Lays out samples as a compact batch: consecutive samples sharing a context become one request
     * row with several candidate rows.
     */
    public static EncodedBatch batch(List<EncodedSample> samples, int pairs, int paddedLength) {
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
        return EncodedBatch.of(contexts, candidates, pairs, paddedLength);
    }

    /** Click probabilities of every sample, in order. */
    public static float[] score(Model model, List<EncodedSample> samples, int pairs, int paddedLength, int batchSize) {
        float[] scores = new float[samples.size()];
        try (Predictor<EncodedBatch, float[]> predictor = model.newPredictor(new DinTranslator())) {
            for (int from = 0; from < samples.size(); from += batchSize) {
                int to = Math.min(samples.size(), from + batchSize);
                float[] part = predictor.predict(batch(samples.subList(from, to), pairs, paddedLength));
                System.arraycopy(part, 0, scores, from, part.length);
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("scoring failed: " + e.getMessage(), e);
        }
        return scores;
    }

    /** Scores and evaluates samples. */
    public static BinaryMetrics evaluate(Model model, List<EncodedSample> samples, int pairs, int paddedLength,
            int batchSize) {
        float[] scores = score(model, samples, pairs, paddedLength, batchSize);
        int[] labels = samples.stream().mapToInt(EncodedSample::label).toArray();
        return BinaryMetrics.of(scores, labels, samples.stream().map(EncodedSample::user).toList());
    }
}

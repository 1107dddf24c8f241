package io.dinserving.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.dinserving.feature.EncodedBatch;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.nn.DinBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DIN paper's mini-batch-aware regularisation: L2 on only the embedding rows a batch uses, each
 * scaled by one over the row's count in the training samples, so rare ids are held back as much as
 * frequent ones over an epoch and rows a batch does not touch cost nothing.
 */
final class EmbeddingPenalty {

    private final DinBlock block;
    private final FeatureSpec spec;
    private final float lambda;
    /** Per vocabulary, how often each id occurs in the training samples. */
    private final Map<String, int[]> counts = new LinkedHashMap<>();

    EmbeddingPenalty(DinBlock block, FittedFeatures features, List<EncodedSample> train, float lambda) {
        this.block = block;
        this.spec = features.spec();
        this.lambda = lambda;
        for (String vocabulary : spec.vocabularyNames()) {
            counts.put(vocabulary, new int[features.vocabularySize(vocabulary)]);
        }
        List<String> pairVocabularies = spec.attention().stream()
                .map(FeatureSpec.AttentionPair::vocabulary)
                .toList();
        List<String> categoricalVocabularies = spec.categorical().stream()
                .map(FeatureSpec.CategoricalFeature::vocabulary)
                .toList();
        for (EncodedSample s : train) {
            for (int p = 0; p < pairVocabularies.size(); p++) {
                counts.get(pairVocabularies.get(p))[s.candidate().ids()[p]]++;
            }
            // A history shared by several samples counts once per sample: it is seen that often.
            int length = s.context().length();
            for (int p = 0; p < pairVocabularies.size(); p++) {
                int[] c = counts.get(pairVocabularies.get(p));
                for (int t = 0; t < length; t++) {
                    c[s.context().historyIds()[p * length + t]]++;
                }
            }
            for (int f = 0; f < categoricalVocabularies.size(); f++) {
                counts.get(categoricalVocabularies.get(f))[s.context().profileIds()[f]]++;
            }
        }
    }

    /** The penalty of one step's batch, in that step's manager. */
    NDArray of(NDManager step, EncodedBatch batch) {
        Map<String, boolean[]> used = new LinkedHashMap<>();
        counts.forEach((vocabulary, c) -> used.put(vocabulary, new boolean[c.length]));
        int pairs = batch.pairs();
        for (int p = 0; p < pairs; p++) {
            boolean[] u = used.get(spec.attention().get(p).vocabulary());
            for (int r = 0; r < batch.requests(); r++) {
                for (int t = 0; t < batch.paddedLength(); t++) {
                    u[batch.historyIds()[(r * pairs + p) * batch.paddedLength() + t]] = true;
                }
            }
            for (int c = 0; c < batch.candidates(); c++) {
                u[batch.candidateIds()[c * pairs + p]] = true;
            }
        }
        for (int f = 0; f < batch.profileWidth(); f++) {
            boolean[] u = used.get(spec.categorical().get(f).vocabulary());
            for (int r = 0; r < batch.requests(); r++) {
                u[batch.profileIds()[r * batch.profileWidth() + f]] = true;
            }
        }
        ParameterStore store = new ParameterStore(step, false);
        NDArray total = null;
        for (Map.Entry<String, boolean[]> e : used.entrySet()) {
            int[] c = counts.get(e.getKey());
            List<Long> ids = new ArrayList<>();
            List<Float> weights = new ArrayList<>();
            for (int id = 1; id < c.length; id++) { // 0 is padding, never a value
                if (e.getValue()[id] && c[id] > 0) {
                    ids.add((long) id);
                    weights.add(lambda / c[id]);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            float[] w = new float[weights.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights.get(i);
            }
            NDArray term = block.embeddingPenalty(
                    store,
                    e.getKey(),
                    step.create(ids.stream().mapToLong(Long::longValue).toArray()),
                    step.create(w));
            total = total == null ? term : total.add(term);
        }
        return total == null ? step.zeros(new ai.djl.ndarray.types.Shape()) : total;
    }
}

package io.dinserving.feature;

import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes raw tokens and values with fitted vocabularies and statistics. The only encoder: the training
 * sample builder and the REST path both call it, so training and serving cannot disagree.
 *
 * <p>Thread-safe and allocation-light: it holds only immutable state.
 */
public final class FeatureEncoder {

    private final FittedFeatures features;
    private final FeatureSpec spec;
    private final Vocabulary[] pairVocabularies;
    private final Vocabulary[] categoricalVocabularies;
    private final NumericStats[] numericStats;

    public FeatureEncoder(FittedFeatures features) {
        this.features = Objects.requireNonNull(features, "features");
        this.spec = features.spec();
        Map<String, Vocabulary> vocabularies = features.vocabularies();
        this.pairVocabularies = spec.attention().stream()
                .map(p -> vocabularies.get(p.vocabulary()))
                .toArray(Vocabulary[]::new);
        this.categoricalVocabularies = spec.categorical().stream()
                .map(f -> vocabularies.get(f.vocabulary()))
                .toArray(Vocabulary[]::new);
        this.numericStats = spec.numeric().stream()
                .map(f -> features.numericStats().get(f.name()))
                .toArray(NumericStats[]::new);
    }

    /** The fitted state this encoder applies. */
    public FittedFeatures features() {
        return features;
    }

    public FeatureSpec spec() {
        return spec;
    }

    /**
     * Encodes a user's context, keeping only the most recent {@code maxLength} behaviours.
     *
     * @throws IllegalArgumentException if a behaviour has the wrong number of tokens
     */
    public EncodedContext encodeContext(RawContext raw) {
        List<List<String>> behaviours = raw.behaviours();
        int pairs = pairVocabularies.length;
        int kept = Math.min(behaviours.size(), spec.maxLength());
        int first = behaviours.size() - kept;
        int[] history = new int[pairs * kept];
        for (int t = 0; t < kept; t++) {
            List<String> tokens = behaviours.get(first + t);
            if (tokens.size() != pairs) {
                throw new IllegalArgumentException(
                        "behaviour " + (first + t) + " has " + tokens.size() + " values, expected " + pairs);
            }
            for (int p = 0; p < pairs; p++) {
                history[p * kept + t] = pairVocabularies[p].encode(tokens.get(p));
            }
        }
        int[] categorical = new int[categoricalVocabularies.length];
        List<CategoricalFeature> categoricalFeatures = spec.categorical();
        for (int i = 0; i < categorical.length; i++) {
            categorical[i] = categoricalVocabularies[i].encode(
                    raw.categorical().get(categoricalFeatures.get(i).name()));
        }
        float[] numeric = new float[spec.numericWidth()];
        List<NumericFeature> numericFeatures = spec.numeric();
        int j = 0;
        for (int i = 0; i < numericStats.length; i++) {
            NumericFeature feature = numericFeatures.get(i);
            Double value = raw.numeric().get(feature.name());
            numeric[j++] = numericStats[i].normalize(value, feature.normalization());
            if (feature.missingFlag()) {
                numeric[j++] = value == null || value.isNaN() ? 1f : 0f;
            }
        }
        return new EncodedContext(history, kept, categorical, numeric);
    }

    /** Encodes a candidate given one token per attention pair, in spec order. */
    public EncodedCandidate encodeCandidate(List<String> tokens) {
        if (tokens.size() != pairVocabularies.length) {
            throw new IllegalArgumentException(
                    "candidate has " + tokens.size() + " values, expected " + pairVocabularies.length);
        }
        int[] ids = new int[tokens.size()];
        for (int p = 0; p < ids.length; p++) {
            ids[p] = pairVocabularies[p].encode(tokens.get(p));
        }
        return new EncodedCandidate(ids);
    }

    /** Lays out encoded requests in the compact batch layout, padded to {@code maxLength}. */
    public EncodedBatch batch(List<EncodedContext> contexts, List<List<EncodedCandidate>> candidates) {
        return EncodedBatch.of(contexts, candidates, pairVocabularies.length, spec.maxLength());
    }
}

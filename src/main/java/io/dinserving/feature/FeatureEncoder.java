package io.dinserving.feature;

import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes raw values with the bundle's vocabularies and statistics. The only encoder: the training
 * sample builder and the REST path both call it, so training and serving cannot disagree.
 *
 * <p>Thread-safe and allocation-light: it holds only immutable state.
 */
public final class FeatureEncoder {

    private final FeatureSpec spec;
    private final Vocabulary[] pairVocabularies;
    private final Vocabulary[] profileVocabularies;
    private final NumericStats[] numericStats;

    public FeatureEncoder(FeatureSpec spec, Map<String, Vocabulary> vocabularies, Map<String, NumericStats> stats) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.pairVocabularies = spec.attention().stream()
                .map(p -> require(vocabularies, p.vocabulary())).toArray(Vocabulary[]::new);
        this.profileVocabularies = spec.profile().stream()
                .map(f -> require(vocabularies, f.vocabulary())).toArray(Vocabulary[]::new);
        this.numericStats = spec.numeric().stream().map(f -> {
            NumericStats s = stats.get(f.name());
            if (s == null) {
                throw new IllegalArgumentException("no statistics for numeric feature '" + f.name() + "'");
            }
            return s;
        }).toArray(NumericStats[]::new);
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
        int[] profile = new int[profileVocabularies.length];
        List<CategoricalFeature> profileFeatures = spec.profile();
        for (int i = 0; i < profile.length; i++) {
            profile[i] = profileVocabularies[i].encode(raw.categorical().get(profileFeatures.get(i).name()));
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
        return new EncodedContext(history, kept, profile, numeric);
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

    private static Vocabulary require(Map<String, Vocabulary> vocabularies, String name) {
        Vocabulary v = vocabularies.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no vocabulary named '" + name + "'");
        }
        return v;
    }
}

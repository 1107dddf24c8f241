package io.dinserving.train;

import io.dinserving.feature.EncodedContext;
import io.dinserving.feature.FeatureEncoder;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.FittedFeatures;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.feature.NumericStats;
import io.dinserving.feature.Vocabulary;
import io.dinserving.feature.VocabularyBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits vocabularies and numeric statistics on training samples only, into the {@link FittedFeatures}
 * the bundle stores, and encodes samples with their shared {@link FeatureEncoder}.
 */
public final class FeatureFitter {

    private final int minCount;

    /** @param minCount occurrences a token needs in the training split to get its own id */
    public FeatureFitter(int minCount) {
        this.minCount = minCount;
    }

    /**
     * Fits on the given training samples. Both sides of an attention pair count towards its one
     * vocabulary.
     *
     * @param catalogue item attribute values to store with the fitted features, for serving
     */
    public FittedFeatures fit(FeatureSpec spec, List<Sample> train, ItemCatalogue catalogue) {
        Map<String, VocabularyBuilder> builders = new LinkedHashMap<>();
        spec.vocabularyNames().forEach(name -> builders.put(name, new VocabularyBuilder()));
        Map<String, NumericStats.Accumulator> accumulators = new LinkedHashMap<>();
        spec.numeric().forEach(f -> accumulators.put(f.name(), new NumericStats.Accumulator()));
        List<AttentionPair> pairs = spec.attention();
        for (Sample s : train) {
            for (int p = 0; p < pairs.size(); p++) {
                VocabularyBuilder vocabulary = builders.get(pairs.get(p).vocabulary());
                vocabulary.add(s.candidate().get(p));
                for (List<String> behaviour : s.history()) {
                    vocabulary.add(behaviour.get(p));
                }
            }
            for (CategoricalFeature f : spec.categorical()) {
                builders.get(f.vocabulary()).add(s.categorical().get(f.name()));
            }
            for (NumericFeature f : spec.numeric()) {
                accumulators.get(f.name()).add(s.numeric().get(f.name()));
            }
        }
        Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        builders.forEach((name, b) -> vocabularies.put(name, b.build(minCount)));
        Map<String, NumericStats> stats = new LinkedHashMap<>();
        accumulators.forEach((name, a) -> stats.put(name, a.build()));
        return new FittedFeatures(spec, vocabularies, stats, catalogue.forSpec(spec));
    }

    /** Encodes samples; consecutive samples that share a history object share its encoding. */
    public static List<EncodedSample> encode(FeatureEncoder encoder, List<Sample> samples) {
        List<EncodedSample> out = new ArrayList<>(samples.size());
        Sample previous = null;
        EncodedContext context = null;
        for (Sample s : samples) {
            if (previous == null
                    || s.history() != previous.history()
                    || s.categorical() != previous.categorical()
                    || s.numeric() != previous.numeric()) {
                context = encoder.encodeContext(s.context());
            }
            out.add(new EncodedSample(s.user(), context, encoder.encodeCandidate(s.candidate()), s.label()));
            previous = s;
        }
        return out;
    }
}

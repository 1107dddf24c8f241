package io.dinserving.train;

import io.dinserving.feature.FeatureSpec;
import java.util.List;
import java.util.Map;

/**
 * Samples with the spec that describes them.
 *
 * @param source where the samples came from
 * @param spec the feature spec the samples follow
 * @param samples the samples, each with its split
 * @param itemCategories catalogue from item to category, stored in the bundle for serving
 */
public record SampleSet(String source, FeatureSpec spec, List<Sample> samples, Map<String, String> itemCategories) {

    public List<Sample> split(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }
}

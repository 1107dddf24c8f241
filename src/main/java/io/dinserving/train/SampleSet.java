package io.dinserving.train;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.ItemCatalogue;
import java.util.List;

/**
 * Samples with the spec that describes them.
 *
 * @param source where the samples came from
 * @param spec the feature spec the samples follow
 * @param samples the samples, each with its split
 * @param catalogue item attribute values from the inputs, stored in the bundle for serving
 */
public record SampleSet(String source, FeatureSpec spec, List<Sample> samples, ItemCatalogue catalogue) {

    public List<Sample> split(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }
}

package io.dinserving.train;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.ItemCatalogue;
import java.util.List;
import java.util.Map;

/**
 * Samples with the spec that describes them.
 *
 * @param source where the samples came from
 * @param spec the feature spec the samples follow
 * @param samples the samples, each with its split
 * @param catalogue item attribute values from the inputs, stored in the bundle for serving
 * @param itemNames display names by item id, stored in the bundle for explained rankings; may be empty
 */
public record SampleSet(
        String source, FeatureSpec spec, List<Sample> samples, ItemCatalogue catalogue, Map<String, String> itemNames) {

    public SampleSet {
        itemNames = itemNames == null ? Map.of() : itemNames;
    }

    /** Samples without display names. */
    public SampleSet(String source, FeatureSpec spec, List<Sample> samples, ItemCatalogue catalogue) {
        this(source, spec, samples, catalogue, Map.of());
    }

    public List<Sample> split(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }

    /** The same samples less one split's: what a search trial may see, with {@code TEST} left out. */
    public SampleSet without(Split split) {
        return new SampleSet(
                source, spec, samples.stream().filter(s -> s.split() != split).toList(), catalogue, itemNames);
    }
}

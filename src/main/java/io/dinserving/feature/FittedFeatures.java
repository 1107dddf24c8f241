package io.dinserving.feature;

import io.dinserving.feature.FeatureSpec.NumericFeature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything fitted about the features on the training split, in the one shape the fitter
 * produces, the bundle stores, and the encoder and the model consume.
 *
 * @param spec what each input is
 * @param vocabularies every vocabulary the spec names
 * @param numericStats training statistics of every numeric feature
 * @param catalogue item attribute values, for requests and samples that omit them
 */
public record FittedFeatures(
        FeatureSpec spec,
        Map<String, Vocabulary> vocabularies,
        Map<String, NumericStats> numericStats,
        ItemCatalogue catalogue) {

    public FittedFeatures {
        Objects.requireNonNull(spec, "spec");
        vocabularies = vocabularies == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(vocabularies));
        numericStats = numericStats == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(numericStats));
        catalogue = catalogue == null ? ItemCatalogue.empty() : catalogue;
        for (String name : spec.vocabularyNames()) {
            if (!vocabularies.containsKey(name)) {
                throw new IllegalArgumentException("the spec names vocabulary '" + name
                        + "' but none is fitted; fitted: " + vocabularies.keySet());
            }
        }
        for (NumericFeature f : spec.numeric()) {
            if (!numericStats.containsKey(f.name())) {
                throw new IllegalArgumentException("numeric feature '" + f.name() + "' has no fitted statistics");
            }
        }
        for (String attribute : catalogue.values().keySet()) {
            if (!spec.attributeNames().contains(attribute)) {
                throw new IllegalArgumentException("the catalogue has attribute '" + attribute
                        + "', which the spec does not declare; attributes: " + spec.attributeNames());
            }
        }
    }

    /** Rows of a vocabulary's embedding table, reserved ids included. */
    public int vocabularySize(String name) {
        Vocabulary v = vocabularies.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no vocabulary named '" + name + "'");
        }
        return v.size();
    }

    /** Rows of every embedding table, reserved ids included, by vocabulary name. */
    public Map<String, Integer> vocabularySizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        vocabularies.forEach((name, v) -> sizes.put(name, v.size()));
        return sizes;
    }

    /** The encoder of these features. */
    public FeatureEncoder encoder() {
        return new FeatureEncoder(this);
    }
}

package io.dinserving.feature;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is known about each item's attributes, by attribute name and item id: the fallback for an
 * attribute a behaviour or candidate does not carry. Training builds it from its inputs and the
 * bundle stores it, and {@link #tokens} is the one raw→token step both sides use.
 */
public final class ItemCatalogue {

    private static final ItemCatalogue EMPTY = new ItemCatalogue(Map.of());

    private final Map<String, Map<String, String>> values;

    /** @param values attribute name to (item id to attribute value) */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ItemCatalogue(Map<String, Map<String, String>> values) {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        if (values != null) {
            values.forEach(
                    (attribute, byItem) -> copy.put(attribute, Collections.unmodifiableMap(new TreeMap<>(byItem))));
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    public static ItemCatalogue empty() {
        return EMPTY;
    }

    /** A builder: the first value recorded for an item's attribute wins. */
    public static Builder builder() {
        return new Builder();
    }

    /** Attribute name to (item id to value), sorted, as the bundle stores it. */
    @JsonValue
    public Map<String, Map<String, String>> values() {
        return values;
    }

    /** The catalogue's value of one attribute of one item, or null. */
    public String value(String attribute, String itemId) {
        Map<String, String> byItem = values.get(attribute);
        return byItem == null ? null : byItem.get(itemId);
    }

    /**
     * An item's raw tokens, one per attention pair of the spec: the id, then each attribute as
     * given, or from this catalogue where {@code given} has no value for it.
     *
     * @param given attribute values the caller knows, by attribute name; null values count as absent
     * @return the tokens; an attribute nobody knows is null, which encodes as a missing value
     */
    public List<String> tokens(FeatureSpec spec, String itemId, Map<String, String> given) {
        List<AttentionPair> pairs = spec.attention();
        String[] tokens = new String[pairs.size()];
        tokens[0] = itemId;
        for (int p = 1; p < tokens.length; p++) {
            String attribute = pairs.get(p).candidate();
            String value = given.get(attribute);
            tokens[p] = value != null ? value : value(attribute, itemId);
        }
        return Arrays.asList(tokens);
    }

    /** This catalogue restricted to the spec's attributes; a catalogue entry of another is noise. */
    public ItemCatalogue forSpec(FeatureSpec spec) {
        Map<String, Map<String, String>> kept = new TreeMap<>(values);
        kept.keySet().retainAll(spec.attributeNames());
        return new ItemCatalogue(kept);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemCatalogue other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        List<String> sizes = new ArrayList<>();
        values.forEach((attribute, byItem) -> sizes.add(attribute + "=" + byItem.size() + " items"));
        return "ItemCatalogue" + sizes;
    }

    /** Collects attribute values; the first value seen for an item's attribute is kept. */
    public static final class Builder {
        private final Map<String, Map<String, String>> values = new TreeMap<>();

        public Builder add(String attribute, String itemId, String value) {
            if (itemId != null && value != null && !value.isBlank()) {
                values.computeIfAbsent(attribute, a -> new java.util.HashMap<>())
                        .putIfAbsent(itemId, value);
            }
            return this;
        }

        /** Records every attribute of an item's tokens, laid out by the spec's pairs. */
        public Builder addTokens(FeatureSpec spec, List<String> tokens) {
            List<AttentionPair> pairs = spec.attention();
            for (int p = 1; p < pairs.size(); p++) {
                add(pairs.get(p).candidate(), tokens.get(0), tokens.get(p));
            }
            return this;
        }

        public Builder addAll(ItemCatalogue other) {
            other.values.forEach((attribute, byItem) -> byItem.forEach((item, value) -> add(attribute, item, value)));
            return this;
        }

        public ItemCatalogue build() {
            return new ItemCatalogue(values);
        }
    }
}

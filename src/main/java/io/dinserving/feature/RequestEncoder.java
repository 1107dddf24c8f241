package io.dinserving.feature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a storefront request with the bundle's encoder: items become one token per attention
 * pair (the item id, and the category where the spec has one), a category missing from the request
 * comes from the bundle's catalogue, and named features go to the spec's profile or numeric inputs.
 */
public final class RequestEncoder {

    private final FeatureEncoder encoder;
    private final Map<String, String> catalogue;
    private final int categoryPair;
    private final int pairs;
    private final Map<String, Boolean> isNumeric = new HashMap<>();

    /** @param catalogue item id to category, from the bundle */
    public RequestEncoder(FeatureEncoder encoder, Map<String, String> catalogue) {
        this.encoder = encoder;
        this.catalogue = Map.copyOf(catalogue);
        FeatureSpec spec = encoder.spec();
        this.pairs = spec.attention().size();
        this.categoryPair = spec.attention().indexOf(spec.category().orElse(null));
        spec.profile().forEach(f -> isNumeric.put(f.name(), false));
        spec.numeric().forEach(f -> isNumeric.put(f.name(), true));
    }

    public FeatureSpec spec() {
        return encoder.spec();
    }

    /** Whether the spec has a profile or numeric feature of this name. */
    public boolean knowsFeature(String name) {
        return isNumeric.containsKey(name);
    }

    /**
     * Encodes one request.
     *
     * @param behaviours oldest first; only the most recent {@code maxLength} are kept
     * @param candidates the candidates, already free of duplicates
     * @param features profile and context values by feature name; strings or numbers
     * @throws InvalidFeatureException for an unknown feature name or a non-numeric numeric value
     */
    public EncodedRequest encode(List<Item> behaviours, List<Item> candidates, Map<String, ?> features) {
        Map<String, String> categorical = new HashMap<>();
        Map<String, Double> numeric = new HashMap<>();
        features.forEach((name, value) -> {
            Boolean numericFeature = isNumeric.get(name);
            if (numericFeature == null) {
                throw new InvalidFeatureException(name, "unknown feature '" + name + "'; this model knows " + isNumeric.keySet());
            }
            if (numericFeature) {
                numeric.put(name, number(name, value));
            } else if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                categorical.put(name, value == null ? null : String.valueOf(value));
            } else {
                throw new InvalidFeatureException(name, "feature '" + name + "' must be a string or a number");
            }
        });
        List<List<String>> history = new ArrayList<>(behaviours.size());
        for (Item b : behaviours) {
            history.add(tokens(b));
        }
        EncodedContext context = encoder.encodeContext(new RawContext(history, categorical, numeric));
        List<EncodedCandidate> encoded = new ArrayList<>(candidates.size());
        for (Item c : candidates) {
            encoded.add(encoder.encodeCandidate(tokens(c)));
        }
        return new EncodedRequest(context, encoded);
    }

    private List<String> tokens(Item item) {
        String[] tokens = new String[pairs];
        tokens[0] = item.id();
        if (categoryPair > 0) {
            tokens[categoryPair] = item.category() != null ? item.category() : catalogue.get(item.id());
        }
        return Arrays.asList(tokens);
    }

    private static Double number(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new InvalidFeatureException(name, "feature '" + name + "' must be a number, was '" + value + "'");
        }
    }
}

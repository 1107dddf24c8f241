package io.dinserving.feature;

import io.dinserving.feature.FeatureSpec.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a storefront request with a bundle's fitted features: each item becomes one token per
 * attention pair through the {@link ItemCatalogue} (attributes the request leaves out come from
 * the catalogue), and profile and context values go to the features the spec declares for them.
 */
public final class RequestEncoder {

    private final FeatureEncoder encoder;
    private final FeatureSpec spec;
    private final ItemCatalogue catalogue;
    private final Map<String, Source> sources = new HashMap<>();
    private final Map<String, Boolean> isNumeric = new HashMap<>();

    public RequestEncoder(FeatureEncoder encoder) {
        this.encoder = encoder;
        this.spec = encoder.spec();
        this.catalogue = encoder.features().catalogue();
        spec.categorical().forEach(f -> {
            sources.put(f.name(), f.source());
            isNumeric.put(f.name(), false);
        });
        spec.numeric().forEach(f -> {
            sources.put(f.name(), f.source());
            isNumeric.put(f.name(), true);
        });
    }

    public FeatureSpec spec() {
        return spec;
    }

    /**
     * An item's tokens as the model receives them, one per attention pair: its id, then each
     * attribute as sent or, left out, from the catalogue.
     */
    public List<String> tokens(Item item) {
        return catalogue.tokens(spec, item.id(), item.attributes());
    }

    /** The source the spec declares for a feature name, or null for a name it does not know. */
    public Source sourceOf(String feature) {
        return sources.get(feature);
    }

    /**
     * Checks profile and context values as {@link #encode} takes them.
     *
     * @throws InvalidFeatureException for an unknown user feature, a feature sent as the wrong
     *     source, or a non-numeric value of a numeric feature
     */
    public void check(Map<String, ?> userFeatures, Map<String, ?> context) {
        read(Source.USER, userFeatures, new HashMap<>(), new HashMap<>());
        read(Source.CONTEXT, context, new HashMap<>(), new HashMap<>());
    }

    /**
     * Encodes one request.
     *
     * @param behaviours oldest first; only the most recent {@code maxLength} are kept
     * @param candidates the candidates, already free of duplicates
     * @param userFeatures user-profile values by feature name; strings or numbers
     * @param context context values by feature name; names the model does not know are ignored
     * @throws InvalidFeatureException for an unknown user feature, a feature sent as the wrong
     *     source, or a non-numeric value of a numeric feature
     */
    public EncodedRequest encode(
            List<Item> behaviours, List<Item> candidates, Map<String, ?> userFeatures, Map<String, ?> context) {
        Map<String, String> categorical = new HashMap<>();
        Map<String, Double> numeric = new HashMap<>();
        read(Source.USER, userFeatures, categorical, numeric);
        read(Source.CONTEXT, context, categorical, numeric);
        List<List<String>> history = new ArrayList<>(behaviours.size());
        for (Item b : behaviours) {
            history.add(catalogue.tokens(spec, b.id(), b.attributes()));
        }
        EncodedContext encodedContext = encoder.encodeContext(new RawContext(history, categorical, numeric));
        List<EncodedCandidate> encoded = new ArrayList<>(candidates.size());
        for (Item c : candidates) {
            encoded.add(encoder.encodeCandidate(catalogue.tokens(spec, c.id(), c.attributes())));
        }
        return new EncodedRequest(encodedContext, encoded);
    }

    private void read(
            Source given, Map<String, ?> values, Map<String, String> categorical, Map<String, Double> numeric) {
        if (values == null) {
            return;
        }
        values.forEach((name, value) -> {
            Source declared = sources.get(name);
            if (declared == null) {
                if (given == Source.CONTEXT) {
                    return; // context may carry more than a model uses
                }
                throw new InvalidFeatureException(
                        given,
                        name,
                        "unknown user feature '" + name + "'; this model's user features are "
                                + spec.featureNames(Source.USER));
            }
            if (declared != given) {
                throw new InvalidFeatureException(
                        given,
                        name,
                        "'" + name + "' is a "
                                + (declared == Source.USER
                                        ? "user feature; send it in userFeatures"
                                        : "context feature; send it in context"));
            }
            if (isNumeric.get(name)) {
                numeric.put(name, number(given, name, value));
            } else if (value == null || value instanceof String || value instanceof Number) {
                categorical.put(name, value == null ? null : String.valueOf(value));
            } else {
                throw new InvalidFeatureException(
                        given, name, "feature '" + name + "' takes a string or a number, was " + jsonType(value));
            }
        });
    }

    private static Double number(Source source, String name, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            double x = n.doubleValue();
            if (!Double.isFinite(x) || Math.abs(x) > Float.MAX_VALUE) {
                throw new InvalidFeatureException(
                        source, name, "feature '" + name + "' takes a number a 32-bit float can hold, was " + n);
            }
            return x;
        }
        throw new InvalidFeatureException(
                source, name, "feature '" + name + "' is numeric; send a JSON number, was " + jsonType(value));
    }

    private static String jsonType(Object value) {
        if (value instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return value instanceof List ? "an array" : "a number";
    }
}

package io.dinserving.feature;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about the user before encoding: behaviours, oldest first, and profile values.
 *
 * @param behaviours oldest first; each holds one token per attention pair of the spec, in spec
 *     order (a null token is a missing value)
 * @param categorical categorical profile and context values by feature name
 * @param numeric numeric profile and context values by feature name; null means missing
 */
public record RawContext(List<List<String>> behaviours, Map<String, String> categorical, Map<String, Double> numeric) {

    public RawContext {
        Objects.requireNonNull(behaviours, "behaviours");
        categorical = categorical == null ? Map.of() : categorical;
        numeric = numeric == null ? Map.of() : numeric;
    }
}

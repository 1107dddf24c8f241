package io.dinserving.train.io;

import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A behaviour log with its side information.
 *
 * @param source where it was read from, for the bundle manifest
 * @param events the events in file order
 * @param itemCategories category per item, from the log or an item file; may be empty
 * @param users user attributes; may be empty
 * @param categorical the user attributes used as categorical features
 * @param numeric the user attributes used as numeric features
 * @param itemNames display names by item id, e.g. movie titles; may be empty
 */
public record LogDataset(
        String source,
        List<Event> events,
        Map<String, String> itemCategories,
        AttributeTable users,
        List<CategoricalFeature> categorical,
        List<NumericFeature> numeric,
        Map<String, String> itemNames) {

    public LogDataset {
        Objects.requireNonNull(events, "events");
        itemCategories = itemCategories == null ? Map.of() : itemCategories;
        users = users == null ? AttributeTable.empty() : users;
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        numeric = numeric == null ? List.of() : List.copyOf(numeric);
        itemNames = itemNames == null ? Map.of() : itemNames;
    }

    /** A dataset without display names. */
    public LogDataset(
            String source,
            List<Event> events,
            Map<String, String> itemCategories,
            AttributeTable users,
            List<CategoricalFeature> categorical,
            List<NumericFeature> numeric) {
        this(source, events, itemCategories, users, categorical, numeric, Map.of());
    }

    /** Whether items have categories, from the log or the catalogue. */
    public boolean hasCategories() {
        return !itemCategories.isEmpty() || events.stream().anyMatch(e -> e.category() != null);
    }
}

package io.dinserving.feature;

import java.util.Objects;

/**
 * An item as a client names it.
 *
 * @param id the item id
 * @param category its category, or null to take it from the bundle's catalogue
 */
public record Item(String id, String category) {

    public Item {
        Objects.requireNonNull(id, "id");
    }
}

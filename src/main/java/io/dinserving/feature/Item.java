package io.dinserving.feature;

import java.util.Map;
import java.util.Objects;

/**
 * An item as a client names it.
 *
 * @param id the item id
 * @param attributes attribute values by the spec's attribute names; an attribute left out comes
 *     from the bundle's catalogue
 */
public record Item(String id, Map<String, String> attributes) {

    public Item {
        Objects.requireNonNull(id, "id");
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** An item known by its id alone. */
    public static Item of(String id) {
        return new Item(id, Map.of());
    }
}

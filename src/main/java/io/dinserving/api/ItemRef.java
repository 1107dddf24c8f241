package io.dinserving.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An item in a request: either {@code {"itemId": "42", "category": "Drama"}} or the plain id
 * {@code "42"}.
 *
 * @param itemId the item id
 * @param category its category; when absent, the bundle's catalogue supplies it
 * @param timestamp when the behaviour happened; informational, order is given by position
 */
@Schema(description = "An item: an object, or a plain id string")
public record ItemRef(String itemId, String category, Long timestamp) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ItemRef(@JsonProperty("itemId") String itemId, @JsonProperty("category") String category,
            @JsonProperty("timestamp") Long timestamp) {
        this.itemId = itemId;
        this.category = category;
        this.timestamp = timestamp;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ItemRef of(String itemId) {
        return new ItemRef(itemId, null, null);
    }
}

package io.dinserving.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * An item in a request: either {@code {"itemId": "42", "category": "Drama"}} or the plain id
 * {@code "42"}.
 *
 * @param itemId the item id
 * @param category its category; when absent, the bundle's catalogue supplies it
 * @param timestamp when the behaviour happened; informational, order is given by position
 * @param unknownFields fields an item does not have: accepted, and named in the response's warnings
 */
@Schema(description = "An item: an object, or a plain id string")
public record ItemRef(String itemId, String category, Long timestamp, Map<String, Object> unknownFields) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ItemRef(@JsonProperty("itemId") String itemId, @JsonProperty("category") String category,
            @JsonProperty("timestamp") Long timestamp,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {
        this.itemId = itemId;
        this.category = category;
        this.timestamp = timestamp;
        this.unknownFields = unknownFields;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ItemRef of(String itemId) {
        return new ItemRef(itemId, null, null, null);
    }
}

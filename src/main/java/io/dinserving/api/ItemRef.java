package io.dinserving.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * An item in a request: either the plain id {@code "42"} or an object {@code {"itemId": "42",
 * "category": "Drama"}} carrying any of the served bundle's item attributes.
 *
 * @param itemId the item id
 * @param eventId the behaviour's event id, by which {@code "history": "merge"} knows a stored one
 * @param timestamp when the behaviour happened, in epoch milliseconds. The sent order is the order;
 *     {@code "history": "merge"} places sent behaviours among the stored ones by it
 * @param attributes the other fields: the bundle's item attributes by name. An attribute left out
 *     comes from the bundle's catalogue; a name the bundle does not know is refused
 */
record ItemRef(String itemId, String eventId, Long timestamp, Map<String, Object> attributes) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ItemRef(
            @JsonProperty("itemId") String itemId,
            @JsonProperty("eventId") String eventId,
            @JsonProperty("timestamp") Long timestamp,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> attributes) {
        this.itemId = itemId;
        this.eventId = eventId;
        this.timestamp = timestamp;
        this.attributes = attributes == null ? Map.of() : attributes;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ItemRef of(String itemId) {
        return new ItemRef(itemId, null, null, null);
    }
}

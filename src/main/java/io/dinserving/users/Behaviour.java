package io.dinserving.users;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a user did to an item.
 *
 * @param eventId the event's id, which makes a resent event a duplicate; may be null
 * @param itemId the item
 * @param timestamp when it happened, in epoch milliseconds; null only for behaviours a request sent
 *     without one, which then count as the most recent
 * @param type what was done ({@code click}, {@code purchase}, ...); may be null
 * @param attributes item attributes by name, as the sender named them
 */
public record Behaviour(String eventId, String itemId, Long timestamp, String type, Map<String, String> attributes) {

    public Behaviour {
        Objects.requireNonNull(itemId, "itemId");
        attributes = attributes == null ? Map.of() : withoutNulls(attributes);
    }

    /** An attribute sent as null is one left out: the catalogue's value is used. */
    private static Map<String, String> withoutNulls(Map<String, String> attributes) {
        Map<String, String> given = new HashMap<>();
        attributes.forEach((name, value) -> {
            if (value != null) {
                given.put(name, value);
            }
        });
        return Map.copyOf(given);
    }

    /**
     * What makes two behaviours one event: the event id, or without one the item and the time. Null
     * when there is neither id nor time, as two such behaviours cannot be told from a repeat.
     */
    public String identity() {
        if (eventId != null) {
            return "id:" + eventId;
        }
        return timestamp == null ? null : "at:" + timestamp + ":" + itemId;
    }

    /** Its size on the heap, estimated like the response cache's entries. */
    long estimatedBytes() {
        long bytes = Sizes.OBJECT
                + Sizes.REFERENCE * 5L
                + Sizes.string(eventId)
                + Sizes.string(itemId)
                + (timestamp == null ? 0 : Sizes.OBJECT + 8)
                + Sizes.string(type);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            bytes += Sizes.ENTRY + Sizes.string(attribute.getKey()) + Sizes.string(attribute.getValue());
        }
        return bytes;
    }
}

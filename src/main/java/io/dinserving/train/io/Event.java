package io.dinserving.train.io;

import java.util.Objects;

/**
 * One row of a behaviour log.
 *
 * @param user the user token
 * @param item the item token
 * @param category the item's category token, or null if the log has none
 * @param timestamp event time; only its order matters
 * @param rating an explicit rating, or null
 * @param label an explicit 0/1 label, or null
 * @param eventType e.g. {@code view} or {@code click}, or null
 */
public record Event(
        String user, String item, String category, long timestamp, Double rating, Integer label, String eventType) {

    public Event {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(item, "item");
    }

    /** An event with only user, item, category and time. */
    public static Event of(String user, String item, String category, long timestamp) {
        return new Event(user, item, category, timestamp, null, null, null);
    }
}

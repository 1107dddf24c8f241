package io.dinserving.train.io;

/**
 * Where each field sits in a behaviour log. Columns are header names or 1-based positions; the
 * optional ones are null when the log lacks them.
 *
 * @param delimiter the field delimiter
 * @param header whether the first line names the columns
 * @param user the user column
 * @param item the item column
 * @param timestamp the time column (integer, e.g. epoch seconds)
 * @param category the category column, or null
 * @param rating the rating column, or null
 * @param label the 0/1 label column, or null
 * @param eventType the event-type column, or null
 */
public record LogFormat(
        String delimiter,
        boolean header,
        String user,
        String item,
        String timestamp,
        String category,
        String rating,
        String label,
        String eventType) {

    /** A CSV with a header and columns {@code userId,itemId,timestamp}, plus the given optional ones. */
    public static LogFormat csv(String category, String rating, String label) {
        return new LogFormat(",", true, "userId", "itemId", "timestamp", category, rating, label, null);
    }
}

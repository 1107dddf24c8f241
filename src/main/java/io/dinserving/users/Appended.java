package io.dinserving.users;

/**
 * What became of appended behaviours.
 *
 * @param accepted now kept
 * @param duplicates already kept: the same event id, or without one the same item and time
 * @param stale older than every kept behaviour of a user whose history is full, so never kept
 */
public record Appended(int accepted, int duplicates, int stale) {

    public static final Appended NONE = new Appended(0, 0, 0);

    public Appended plus(Appended other) {
        return new Appended(accepted + other.accepted, duplicates + other.duplicates, stale + other.stale);
    }
}

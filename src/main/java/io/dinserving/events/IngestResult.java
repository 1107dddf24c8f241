package io.dinserving.events;

/**
 * What became of a batch.
 *
 * @param accepted behaviour events now kept
 * @param duplicates events already kept, by event id or by item and time
 * @param stale events older than every kept behaviour of a user whose history is full
 * @param profiles profile updates applied
 */
public record IngestResult(int accepted, int duplicates, int stale, int profiles) {}

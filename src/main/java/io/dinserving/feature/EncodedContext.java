package io.dinserving.feature;

/**
 * A user's encoded inputs, shared by all of that user's candidates.
 *
 * @param historyIds behaviour ids in pair-major order: {@code historyIds[p * length + t]} is pair
 *     p of behaviour t, oldest first; at most {@code maxLength} behaviours, not padded
 * @param length number of behaviours kept
 * @param profileIds one id per categorical profile feature
 * @param numeric normalised numeric features, with missing flags where declared
 */
public record EncodedContext(int[] historyIds, int length, int[] profileIds, float[] numeric) {}

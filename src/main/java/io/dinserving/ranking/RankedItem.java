package io.dinserving.ranking;

/**
 * A candidate in the ranking.
 *
 * @param itemId the id the client sent
 * @param score the click probability
 * @param rank 1 for the best
 */
public record RankedItem(String itemId, float score, int rank) {}

package io.dinserving.feature;

/**
 * A candidate's encoded ids.
 *
 * @param ids one id per attention pair, in spec order
 */
public record EncodedCandidate(int[] ids) {}

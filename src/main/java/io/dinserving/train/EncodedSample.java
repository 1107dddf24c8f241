package io.dinserving.train;

import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;

/**
 * A sample after encoding. Samples that share a history share one {@link EncodedContext}.
 *
 * @param user the user token, for GAUC
 * @param context the encoded history and profile
 * @param candidate the encoded candidate
 * @param label 1 or 0
 */
public record EncodedSample(String user, EncodedContext context, EncodedCandidate candidate, int label) {}

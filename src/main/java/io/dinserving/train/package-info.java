/**
 * Offline training: samples from time-ordered logs, fitting, evaluation and the model bundle.
 *
 * <p>Reuses {@code feature} for encoding and {@code model} for the network, so a trained bundle
 * encodes and scores exactly as the service will.
 */
package io.dinserving.train;

/**
 * Offline training: samples from time-ordered logs, fitting, evaluation and the model bundle.
 *
 * <p>Reuses {@code feature} for encoding, {@code nn} for the network and {@code bundle} to write
 * it, so a trained bundle encodes and scores exactly as the service will. Never uses {@code
 * serving} or {@code api}; {@code train.io} reads inputs and {@code train.tune} searches settings.
 */
package io.dinserving.train;

/**
 * The impression log: each sampled ranking as the model saw it (the history and profile it scored,
 * every shown item's tokens, score and rank), appended as JSON Lines without ever holding up a
 * request. Joined with later clicks, it becomes tomorrow's training samples, with histories that are
 * exactly what the model saw and never rebuilt from later data.
 *
 * <p>Uses nothing else of this service; {@code api} writes it and {@code train} reads it.
 */
package io.dinserving.impressions;

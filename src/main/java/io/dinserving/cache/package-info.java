/**
 * Caches ranked responses in Caffeine, keyed by model version and encoded request, so a model
 * change can never serve a stale entry.
 *
 * <p>Uses {@code feature} and {@code ranking}.
 */
package io.dinserving.cache;

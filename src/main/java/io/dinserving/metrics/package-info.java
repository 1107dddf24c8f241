/**
 * Operational signals: Micrometer meters under the {@code din.} prefix, fed by {@code serving}'s
 * and {@code batching}'s listeners, the cache binder and the request-latency buckets of {@code
 * http.server.requests}. Meters are registered once per version; hot paths only record.
 *
 * <p>Uses {@code serving}, {@code batching}, {@code cache} and {@code ranking}.
 */
package io.dinserving.metrics;

/**
 * Operational signals: Micrometer meters under the {@code din.} prefix, the model's health and
 * info. Meters are registered once, in constructors; hot paths only record.
 */
package io.dinserving.metrics;

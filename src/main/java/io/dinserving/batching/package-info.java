/**
 * Dynamic batching: concurrent requests become one forward pass, bounded by rows and delay.
 *
 * <p>Knows nothing about DIN: {@link io.dinserving.batching.DynamicBatcher} moves items of any
 * type to {@link io.dinserving.batching.BatchProcessor}s, one per worker thread. Uses no other
 * package of the project.
 */
package io.dinserving.batching;

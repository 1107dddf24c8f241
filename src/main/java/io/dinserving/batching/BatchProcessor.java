package io.dinserving.batching;

import java.util.List;

/**
 * Processes one batch on one worker thread. Each worker owns its processor, so a processor need
 * not be thread-safe (a DJL {@code Predictor} is not).
 *
 * @param <I> an item, e.g. an encoded request
 * @param <O> its result
 */
public interface BatchProcessor<I, O> extends AutoCloseable {

    /** Returns one result per item, in order. */
    List<O> process(List<I> batch) throws Exception;

    @Override
    default void close() {}
}

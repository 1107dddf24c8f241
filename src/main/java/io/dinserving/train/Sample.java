package io.dinserving.train;

import io.dinserving.feature.RawContext;
import java.util.List;
import java.util.Map;

/**
 * One labelled training example before encoding.
 *
 * @param user the user token, for GAUC
 * @param timestamp the time of the target event
 * @param candidate one token per attention pair of the spec
 * @param history behaviours strictly before the target, oldest first, one token per pair each
 * @param historyTimes the time of each behaviour in {@code history}; empty when unknown
 * @param categorical categorical profile values
 * @param numeric numeric profile values, null for missing
 * @param label 1 for a positive, 0 for a negative
 * @param split which split the sample belongs to
 */
public record Sample(
        String user,
        long timestamp,
        List<String> candidate,
        List<List<String>> history,
        List<Long> historyTimes,
        Map<String, String> categorical,
        Map<String, Double> numeric,
        int label,
        Split split) {

    /** The same sample in another split. */
    public Sample inSplit(Split other) {
        return new Sample(user, timestamp, candidate, history, historyTimes, categorical, numeric, label, other);
    }

    /** The raw context handed to the shared encoder. */
    public RawContext context() {
        return new RawContext(history, categorical, numeric);
    }
}

package io.dinserving.train.io;

import java.util.ArrayList;
import java.util.List;

/**
 * What to do with malformed rows: fail on the first, or skip and count them. The count and the
 * first few messages are kept so that a skip is never silent.
 */
public final class RowErrors {

    /** How malformed rows are handled. */
    public enum Policy {
        FAIL,
        SKIP
    }

    private static final int KEPT_MESSAGES = 5;

    private final Policy policy;
    private long skipped;
    private final List<String> examples = new ArrayList<>();

    public RowErrors(Policy policy) {
        this.policy = policy;
    }

    public static RowErrors failFast() {
        return new RowErrors(Policy.FAIL);
    }

    /** Rethrows under {@link Policy#FAIL}; counts the row under {@link Policy#SKIP}. */
    public void handle(MalformedRowException e) {
        if (policy == Policy.FAIL) {
            throw e;
        }
        skipped++;
        if (examples.size() < KEPT_MESSAGES) {
            examples.add(e.getMessage());
        }
    }

    public long skipped() {
        return skipped;
    }

    /** The first few skipped rows' messages. */
    public List<String> examples() {
        return List.copyOf(examples);
    }

    /** One line for logs: how many rows were skipped and the first reason. */
    public String summary() {
        return skipped == 0 ? "no malformed rows" : skipped + " malformed rows skipped, first: " + examples.get(0);
    }
}

package io.dinserving.users;

import java.util.Arrays;
import java.util.Locale;

/** Where a request's history comes from when it names a user. */
public enum HistoryMode {
    /** The behaviours the request sent, as they are; the store's only when it sent none. */
    REQUEST,
    /** The store's, whatever the request sent. */
    STORE,
    /** The store's and the request's together, in time order, each event once. */
    MERGE;

    /** The name requests and settings use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the modes there are */
    public static HistoryMode of(String label) {
        return Arrays.stream(values())
                .filter(mode -> mode.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not a history mode; use one of "
                        + Arrays.stream(values()).map(HistoryMode::label).toList()));
    }
}

package io.dinserving;

import java.util.Map;
import java.util.Set;

/**
 * A {@code din.*} setting this service does not have, e.g. {@code din.batching.max-dealy}.
 *
 * @param unknown each unknown key, with the known key closest to it or null
 */
final class UnknownSettingsException extends IllegalStateException {

    private final Map<String, String> unknown;
    private final Set<String> known;

    UnknownSettingsException(Map<String, String> unknown, Set<String> known) {
        super("unknown setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown.keySet())
                + "; the din.* settings are " + String.join(", ", known));
        this.unknown = unknown;
        this.known = known;
    }

    /** Each unknown key, with the known key closest to it, or null where none is close. */
    Map<String, String> unknown() {
        return unknown;
    }

    Set<String> known() {
        return known;
    }
}

package io.dinserving.users;

/**
 * Heap sizes at a 64-bit JVM's compressed layout, for a bound in bytes that holds whatever the ids
 * look like: a user of fifty long item ids weighs many times one of five short ones.
 */
final class Sizes {

    static final int OBJECT = 16;
    static final int REFERENCE = 4;
    static final int ENTRY = OBJECT + 3 * REFERENCE + 4;

    private Sizes() {}

    /** A string as UTF-16, whichever coder it has: an estimate that never falls short. */
    static long string(String s) {
        return s == null ? 0 : OBJECT + 24 + 2L * s.length();
    }

    static long value(Object value) {
        return value instanceof String s ? string(s) : OBJECT + 8;
    }
}

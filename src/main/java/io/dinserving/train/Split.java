package io.dinserving.train;

/** Which part of the data a sample belongs to. Only {@link #TRAIN} is ever fitted on. */
public enum Split {
    TRAIN,
    /** Decides early stopping and the best checkpoint. */
    VALIDATION,
    /** Reported, never decides anything. */
    TEST;

    public String label() {
        return name().toLowerCase();
    }

    public static Split parse(String text) {
        return switch (text.trim().toLowerCase()) {
            case "train" -> TRAIN;
            case "validation", "valid", "val" -> VALIDATION;
            case "test" -> TEST;
            default ->
                throw new IllegalArgumentException("unknown split '" + text + "', expected train, validation or test");
        };
    }
}

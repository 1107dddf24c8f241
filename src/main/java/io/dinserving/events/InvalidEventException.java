package io.dinserving.events;

/** A mistake in one field of an event batch, which refuses the whole batch. */
public final class InvalidEventException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    /**
     * @param field the field's path, e.g. {@code events[3].timestamp}
     * @param message what is wrong with it
     */
    public InvalidEventException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
        this.reason = message;
    }

    public String field() {
        return field;
    }

    /** What is wrong with the field. */
    public String reason() {
        return reason;
    }
}

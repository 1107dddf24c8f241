package io.dinserving.api;

/** A client mistake in one field; answered with 400 problem+json naming the field. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field's path, e.g. {@code candidates[3].itemId}. */
    public String field() {
        return field;
    }
}

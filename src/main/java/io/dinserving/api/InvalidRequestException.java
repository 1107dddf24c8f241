package io.dinserving.api;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A client mistake in one field: a 400 whose problem names the field. */
final class InvalidRequestException extends ErrorResponseException {

    private final String field;

    /**
     * @param field the field's path, e.g. {@code candidates[3].itemId}
     * @param message what is wrong with it
     */
    InvalidRequestException(String field, String message) {
        super(HttpStatus.BAD_REQUEST);
        this.field = field;
        getBody().setTitle("Invalid request");
        getBody().setDetail(field + ": " + message);
        getBody().setProperty("field", field);
    }

    String field() {
        return field;
    }
}

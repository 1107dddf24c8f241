package io.dinserving.serving;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The version's scoring queue is full; a 503 the client may retry after a second. */
public final class OverloadedException extends ErrorResponseException {

    public OverloadedException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE);
        getBody().setTitle("Overloaded");
        getBody().setDetail(detail);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }
}

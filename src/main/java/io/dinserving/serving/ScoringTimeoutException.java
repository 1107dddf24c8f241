package io.dinserving.serving;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Scores did not arrive before the request's deadline; a 504. */
public final class ScoringTimeoutException extends ErrorResponseException {

    public ScoringTimeoutException(String detail) {
        super(HttpStatus.GATEWAY_TIMEOUT);
        getBody().setTitle("Deadline exceeded");
        getBody().setDetail(detail);
    }
}

package io.dinserving.serving;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The model gave a score that is not a finite number. A 500 that names no internals: a response
 * never carries {@code "NaN"} as a score, and the meter {@code din.scores.nonfinite} counts it.
 */
final class NonFiniteScoreException extends ErrorResponseException {

    NonFiniteScoreException() {
        super(HttpStatus.INTERNAL_SERVER_ERROR);
        getBody().setTitle("Internal error");
        getBody().setDetail("the model gave a score that is not a number; see the service's log and metrics");
    }
}

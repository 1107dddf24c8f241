package io.dinserving.api;

/** Scores did not arrive within the request timeout; answered with 504. */
public class ScoringTimeoutException extends RuntimeException {

    public ScoringTimeoutException(String message) {
        super(message);
    }
}

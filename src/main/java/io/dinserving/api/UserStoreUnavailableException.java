package io.dinserving.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The user store did not answer. A 503, as a full queue is: the request was sound and may be sent
 * again, and events may be resent whole, as the store counts a resent event as a duplicate.
 */
final class UserStoreUnavailableException extends ErrorResponseException {

    UserStoreUnavailableException(String what, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, cause);
        getBody().setTitle("User store unavailable");
        getBody().setDetail(what + ": the user store did not answer; retry after the Retry-After header");
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }
}

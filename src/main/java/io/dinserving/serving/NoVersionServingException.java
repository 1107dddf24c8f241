package io.dinserving.serving;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No version is serving yet (or any more); a 503 the client may retry. */
final class NoVersionServingException extends ErrorResponseException {

    public NoVersionServingException() {
        super(HttpStatus.SERVICE_UNAVAILABLE);
        getBody().setTitle("No model serving");
        getBody().setDetail("no model version is serving; retry once one is loaded");
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }
}

package io.dinserving.api;

import java.io.IOException;

/** The body exceeds {@code din.api.max-body-size}; answered with 413. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("the request body exceeds " + limit + " bytes");
    }
}

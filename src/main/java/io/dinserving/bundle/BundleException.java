package io.dinserving.bundle;

/** A model bundle that cannot be read: a missing file, an unknown format version, a bad manifest. */
public class BundleException extends RuntimeException {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}

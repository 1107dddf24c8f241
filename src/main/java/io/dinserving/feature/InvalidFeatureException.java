package io.dinserving.feature;

/** A feature value the spec cannot take: an unknown feature name or a value of the wrong type. */
public class InvalidFeatureException extends IllegalArgumentException {

    private final String feature;

    public InvalidFeatureException(String feature, String message) {
        super(message);
        this.feature = feature;
    }

    /** The offending feature's name. */
    public String feature() {
        return feature;
    }
}

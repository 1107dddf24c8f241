package io.dinserving.feature;

import io.dinserving.feature.FeatureSpec.Source;

/** A feature value the spec cannot take: an unknown feature name or a value of the wrong type. */
public class InvalidFeatureException extends IllegalArgumentException {

    private final Source source;
    private final String feature;

    /**
     * @param source where the client sent the value: among the user or the context features
     * @param feature the offending feature's name
     */
    public InvalidFeatureException(Source source, String feature, String message) {
        super(message);
        this.source = source;
        this.feature = feature;
    }

    /** Where the client sent the offending value. */
    public Source source() {
        return source;
    }

    /** The offending feature's name. */
    public String feature() {
        return feature;
    }
}

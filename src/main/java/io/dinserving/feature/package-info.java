/**
 * Turns raw ids and values into model inputs, identically for training and serving.
 *
 * <p>{@link io.dinserving.feature.FeatureSpec} declares every column once; {@link
 * io.dinserving.feature.FeatureEncoder} is a pure function from the spec, the fitted
 * vocabularies and the numeric statistics to int and float arrays. Nothing here knows about
 * NDArrays, HTTP or files, and it uses no other package of the project.
 */
package io.dinserving.feature;

/**
 * Searching training settings: the {@link io.dinserving.train.tune.SearchSpace} and its points,
 * the {@link io.dinserving.train.tune.Criterion} a winner is chosen on, the {@link
 * io.dinserving.train.tune.Tuner} that runs trials on the validation split before it ever shows the
 * winner the test split, and the {@link io.dinserving.train.tune.TuneReport}.
 *
 * <p>Uses {@code train} and {@code feature}; knows nothing of the command line, which hands it the
 * way to turn a point into options and to train them.
 */
package io.dinserving.train.tune;

/**
 * Readers of behaviour logs, attribute files, MovieLens layouts and pre-built sample files. Each
 * reader fails on a malformed row naming the file, line and column, or skips and counts it when
 * told to: never silently. {@link io.dinserving.train.io.SampleSource} reads an input of any of
 * these kinds into samples. Uses {@code train} and {@code feature}.
 */
package io.dinserving.train.io;

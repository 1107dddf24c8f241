/**
 * Readers of behaviour logs, attribute files, MovieLens layouts and pre-built sample files. Each
 * reader fails on a malformed row naming the file, line and column, or skips and counts it when
 * told to: never silently.
 */
package io.dinserving.train.io;

package io.dinserving.train.tune;

import io.dinserving.train.TrainingPipeline;

/** A trial's point, its validation outcome and how long it took. */
public record TrialRow(Point point, TrainingPipeline.Trial trial, double seconds) {}

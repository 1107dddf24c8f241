package io.dinserving.train.tune;

import io.dinserving.train.TrainingResult;
import java.util.List;

/**
 * A finished search.
 *
 * @param rows every trial, in the order run
 * @param winner the trial the criterion chose, on validation
 * @param seeds the seeds the winner was trained with for its test metrics
 * @param results the winner's runs, one per seed
 */
public record TuneResult(
        List<TrialRow> rows, TrialRow winner, Criterion criterion, List<Long> seeds, List<TrainingResult> results) {}

package io.dinserving.train.tune;

import io.dinserving.train.Progress;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import io.dinserving.train.TrainingPipeline;
import io.dinserving.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a search: every point trained and scored on the validation split, with no test sample in
 * sight; then the winner trained once per seed on every split, its test metrics reported and its
 * bundles kept.
 *
 * @param <O> the options a point becomes
 */
public final class Tuner<O> {

    /** Trains one point and scores it on validation; its samples have no test split. */
    @FunctionalInterface
    public interface TrialRunner<O> {
        TrainingPipeline.Trial validate(SampleSet trainAndValidation, O options, long seed);
    }

    /** Trains the winner with one seed on every split, test included, and writes its bundle. */
    @FunctionalInterface
    public interface WinnerRunner<O> {
        TrainingResult train(SampleSet samples, O options, long seed, Path bundle) throws Exception;
    }

    /** Reads the samples for a history length and a seed. */
    @FunctionalInterface
    public interface SampleReader {
        SampleSet read(int maxLength, long seed);
    }

    private final Function<Point, O> optionsFor;
    private final SampleReader samples;
    private final int maxLength;
    private final long seed;
    private final PrintStream progress;

    /**
     * @param optionsFor the options a point stands for
     * @param maxLength the history length where a point does not vary it
     * @param seed the trials' seed
     * @param progress where a line per trial goes
     */
    public Tuner(Function<Point, O> optionsFor, SampleReader samples, int maxLength, long seed, PrintStream progress) {
        this.optionsFor = optionsFor;
        this.samples = samples;
        this.maxLength = maxLength;
        this.seed = seed;
        this.progress = progress;
    }

    /** Runs every point, chooses on validation, then trains the winner with each of {@code seeds}. */
    public TuneResult run(
            List<Point> points,
            Criterion criterion,
            List<Long> seeds,
            Path out,
            TrialRunner<O> trials,
            WinnerRunner<O> winners)
            throws Exception {
        Map<Integer, SampleSet> samplesByLength = new HashMap<>();
        List<TrialRow> rows = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            // A trial gets no test samples at all, so nothing it does can depend on them.
            SampleSet trialSamples = samplesByLength
                    .computeIfAbsent(point.maxLength(maxLength), length -> samples.read(length, seed))
                    .without(Split.TEST);
            long t = System.nanoTime();
            TrainingPipeline.Trial trial = trials.validate(trialSamples, optionsFor.apply(point), seed);
            if (trial.validation() == null) {
                throw new IllegalArgumentException("tune chooses on the validation split, and these samples have none; "
                        + "give them a split column or --validation-samples FILE");
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            rows.add(new TrialRow(point, trial, seconds));
            double elapsed = (System.nanoTime() - started) / 1e9;
            progress.printf(
                    Locale.ROOT,
                    "trial %d/%d %s: validation AUC %.4f, log loss %.4f, epoch %d of %d (%.0f s; about %s left)%n",
                    i + 1,
                    points.size(),
                    point.label(),
                    trial.validation().auc(),
                    trial.validation().logLoss(),
                    trial.bestEpoch(),
                    trial.epochsRun(),
                    seconds,
                    Progress.clock(elapsed / (i + 1) * (points.size() - i - 1 + seeds.size())));
        }
        TrialRow winner = rows.stream()
                .max(Comparator.comparingDouble(
                        r -> criterion.higherIsBetter(r.trial().validation())))
                .orElseThrow();
        progress.println("winner on validation " + criterion.label + ": "
                + winner.point().label() + "; training it with seeds " + seeds + " for its test metrics");
        O winning = optionsFor.apply(winner.point());
        List<TrainingResult> results = new ArrayList<>();
        for (int s = 0; s < seeds.size(); s++) {
            long winnerSeed = seeds.get(s);
            SampleSet all = samples.read(winner.point().maxLength(maxLength), winnerSeed);
            Path bundle = out.resolve(s == 0 ? "winner" : "winner-seed-" + winnerSeed);
            results.add(winners.train(all, winning, winnerSeed, bundle));
        }
        return new TuneResult(rows, winner, criterion, seeds, results);
    }
}

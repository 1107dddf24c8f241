package io.dinserving.train.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.train.BinaryMetrics;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import io.dinserving.train.TrainingPipeline;
import io.dinserving.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code tune} hands its trials and its winner, with the training itself replaced by
 * recorders: the order of events and the splits each step saw are the behaviour under test.
 */
class TuneCommandTest {

    @TempDir
    Path dir;

    /** One call to a trial or to the winner's training, with the splits it was given. */
    record Call(String kind, float dropout, long seed, long train, long validation, long test) {
        static Call of(String kind, SampleSet samples, ModelOptions options, long seed) {
            return new Call(
                    kind,
                    options.dropout,
                    seed,
                    samples.split(Split.TRAIN).size(),
                    samples.split(Split.VALIDATION).size(),
                    samples.split(Split.TEST).size());
        }
    }

    /** Validation AUC by dropout: 0.2 is the best point, so it has to be the winner. */
    private static final Map<Float, Double> VALIDATION_AUC = Map.of(0f, 0.61, 0.2f, 0.74, 0.5f, 0.66);

    /** Validation GAUC by dropout: it orders the points the other way round. */
    private static final Map<Float, Double> VALIDATION_GAUC = Map.of(0f, 0.70, 0.2f, 0.55, 0.5f, 0.62);

    private static BinaryMetrics metricsWithAuc(double auc) {
        return new BinaryMetrics(auc, auc, 0.6, 0.7, 100, 50);
    }

    private Path log() {
        Path log = dir.resolve("log.csv");
        assertThat(DinCli.run("generate", "--out", log.toString(), "--users", "40", "--seed", "3"))
                .isZero();
        return log;
    }

    @Test
    void chosenOnGaucTheWinnerIsThePointWithTheBestValidationGauc() throws Exception {
        List<Float> winners = new ArrayList<>();
        TuneCommand tune = new TuneCommand();
        tune.trials = (samples, options, seed) -> new TrainingPipeline.Trial(
                new BinaryMetrics(
                        VALIDATION_AUC.get(options.dropout), VALIDATION_GAUC.get(options.dropout), 0.6, 0.7, 100, 50),
                1,
                1);
        tune.winners = (samples, options, seed, bundle) -> {
            winners.add(options.dropout);
            return new TrainingResult(bundle, null, List.of(), 1, null, metricsWithAuc(0.7));
        };

        int exit = EnumOptions.register(new CommandLine(tune))
                .execute(
                        "--log", log().toString(),
                        "--category-col", "category",
                        "--label-col", "label",
                        "--space", "dropout=0|0.2|0.5",
                        "--choose-on", "gauc",
                        "--winner-seeds", "1",
                        "--out", dir.resolve("tune").toString());

        assertThat(exit).isZero();
        assertThat(winners).containsExactly(0f);
        assertThat(Files.readString(dir.resolve("tune").resolve("tune-report.md")))
                .contains("## Trials, chosen on validation GAUC")
                .contains("test AUC 0.7000 with one seed");
    }

    @Test
    void anUnknownCriterionIsRefusedBeforeAnyTrialRuns() {
        List<String> calls = new ArrayList<>();
        TuneCommand tune = new TuneCommand();
        tune.trials = (samples, options, seed) -> {
            calls.add("trial");
            return new TrainingPipeline.Trial(metricsWithAuc(0.6), 1, 1);
        };
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = EnumOptions.register(new CommandLine(tune));
        cli.setErr(new java.io.PrintWriter(err));

        int exit = cli.execute(
                "--log",
                log().toString(),
                "--space",
                "dropout=0|0.2",
                "--choose-on",
                "accuracy",
                "--out",
                dir.resolve("tune").toString());

        assertThat(exit).isNotZero();
        assertThat(calls).isEmpty();
        assertThat(err.toString()).contains("--choose-on", "'accuracy' is not one of auc, gauc, log-loss");
    }

    @Test
    void trialsNeverSeeTheTestSplitAndTheWinnerIsFixedBeforeAnyTestSampleIsUsed() throws Exception {
        Path log = log();
        List<Call> calls = new ArrayList<>();
        TuneCommand tune = new TuneCommand();
        tune.trials = (samples, options, seed) -> {
            calls.add(Call.of("trial", samples, options, seed));
            return new TrainingPipeline.Trial(metricsWithAuc(VALIDATION_AUC.get(options.dropout)), 2, 3);
        };
        tune.winners = (samples, options, seed, bundle) -> {
            calls.add(Call.of("winner", samples, options, seed));
            return new TrainingResult(bundle, null, List.of(), 2, null, metricsWithAuc(0.7 + seed / 100.0));
        };
        Path out = dir.resolve("tune");

        int exit = EnumOptions.register(new CommandLine(tune))
                .execute(
                        "--log", log.toString(),
                        "--category-col", "category",
                        "--label-col", "label",
                        "--space", "dropout=0|0.2|0.5",
                        "--seed", "1",
                        "--winner-seeds", "1,2",
                        "--out", out.toString());

        assertThat(exit).isZero();
        assertThat(calls).extracting(Call::kind).containsExactly("trial", "trial", "trial", "winner", "winner");
        List<Call> trials = calls.subList(0, 3);
        assertThat(trials).extracting(Call::dropout).containsExactly(0f, 0.2f, 0.5f);
        assertThat(trials).allSatisfy(c -> {
            assertThat(c.test()).as("test samples a trial received").isZero();
            assertThat(c.train()).isPositive();
            assertThat(c.validation()).isPositive();
        });
        List<Call> winners = calls.subList(3, 5);
        assertThat(winners).extracting(Call::dropout).containsOnly(0.2f);
        assertThat(winners).extracting(Call::seed).containsExactly(1L, 2L);
        assertThat(winners).allSatisfy(c -> assertThat(c.test()).isPositive());
        // the winner trains on what the trials trained on, and is tested on what they never saw
        assertThat(winners.get(0).train()).isEqualTo(trials.get(1).train());

        String report = Files.readString(out.resolve("tune-report.md"));
        assertThat(report).contains("| 2 (winner) | dropout=0.2 | 0.7400");
        assertThat(report).contains("test AUC 0.7150 ± 0.0071 over 2 seeds");
    }
}

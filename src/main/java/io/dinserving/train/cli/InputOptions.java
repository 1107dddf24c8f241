package io.dinserving.train.cli;

import io.dinserving.train.FeatureFitter;
import io.dinserving.train.SampleSet;
import io.dinserving.train.SamplingConfig;
import io.dinserving.train.SamplingConfig.NegativeSampling;
import io.dinserving.train.io.LogFormat;
import io.dinserving.train.io.RowErrors;
import io.dinserving.train.io.SampleSource;
import io.dinserving.train.io.SampleSource.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where samples come from: MovieLens, a behaviour log, or a pre-built sample file. */
final class InputOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(
                names = "--movielens",
                paramLabel = "DIR",
                description = "A MovieLens directory: ml-latest-small, ml-100k or ml-1m.")
        Path movielens;

        @Option(names = "--log", paramLabel = "FILE", description = "A behaviour log (CSV or TSV).")
        Path log;

        @Option(
                names = "--samples",
                paramLabel = "FILE",
                description = "A pre-built sample file, one row per sample (e.g. written by prepare).")
        Path samples;

        @Option(
                names = "--impressions",
                paramLabel = "DIR",
                description = "The service's impression log (din.impressions.*), joined with the clicks of --events: "
                        + "each shown item is a positive when clicked within --click-window.")
        Path impressions;
    }

    // Impressions.
    @Option(
            names = "--events",
            paramLabel = "FILE|DIR",
            description = "Impressions: the events, in JSON Lines (one event, or one POST /events batch, per line).")
    Path events;

    @Option(
            names = "--click-window",
            defaultValue = "30m",
            description = "Impressions: how long after a ranking a click counts for it, e.g. 30m or 2h. "
                    + "Default: ${DEFAULT-VALUE}.")
    String clickWindow;

    @Option(
            names = "--click-types",
            split = ",",
            description = "Impressions: the event types that are clicks; default: every event.")
    List<String> clickTypes = new ArrayList<>();

    @Option(
            names = "--on-error",
            defaultValue = "fail",
            description =
                    "What to do with a malformed row: fail or skip (skipped rows are counted). Default: ${DEFAULT-VALUE}.")
    RowErrors.Policy onError;

    // Behaviour log layout.
    @Option(names = "--delimiter", description = "Field delimiter; default: tab for .tsv, comma otherwise.")
    String delimiter;

    @Option(names = "--no-header", description = "The log has no header; name columns by 1-based position.")
    boolean noHeader;

    @Option(names = "--user-col", defaultValue = "userId", description = "User column. Default: ${DEFAULT-VALUE}.")
    String userColumn;

    @Option(names = "--item-col", defaultValue = "itemId", description = "Item column. Default: ${DEFAULT-VALUE}.")
    String itemColumn;

    @Option(names = "--time-col", defaultValue = "timestamp", description = "Time column. Default: ${DEFAULT-VALUE}.")
    String timeColumn;

    @Option(names = "--category-col", description = "Optional category column of the log.")
    String categoryColumn;

    @Option(names = "--rating-col", description = "Optional rating column of the log.")
    String ratingColumn;

    @Option(
            names = "--label-col",
            description = "Optional 0/1 label column (log or sample file; sample files default to 'label').")
    String labelColumn;

    @Option(names = "--event-col", description = "Optional event-type column of the log.")
    String eventColumn;

    @Option(
            names = "--positive-events",
            split = ",",
            description = "Event types that count as positive, e.g. click,buy.")
    List<String> positiveEvents = new ArrayList<>();

    // Attribute files.
    @Mixin
    ItemFileOptions itemFile = new ItemFileOptions();

    @Option(
            names = "--item-category-col",
            defaultValue = "category",
            description = "Behaviour logs: category column of --items. Default: ${DEFAULT-VALUE}.")
    String itemCategoryColumn;

    @Option(names = "--users", paramLabel = "FILE", description = "Optional user attribute file.")
    Path users;

    @Option(
            names = "--user-key",
            defaultValue = "userId",
            description = "User id column of --users. Default: ${DEFAULT-VALUE}.")
    String userKey;

    @Option(
            names = "--categorical",
            split = ",",
            description = "Categorical user-profile columns (of --users, or of --samples), e.g. gender,occupation.")
    List<String> categorical = new ArrayList<>();

    @Option(
            names = "--numeric",
            split = ",",
            description = "Numeric user-profile columns as NAME[:z-score|min-max|none][:flag], e.g. age:min-max:flag.")
    List<String> numeric = new ArrayList<>();

    @Option(
            names = "--context-categorical",
            split = ",",
            description = "Sample files: categorical context columns, sent in a request's context, e.g. hour,device.")
    List<String> contextCategorical = new ArrayList<>();

    @Option(
            names = "--context-numeric",
            split = ",",
            description = "Sample files: numeric context columns, declared like --numeric.")
    List<String> contextNumeric = new ArrayList<>();

    // Sample file layout.
    @Option(
            names = "--attention",
            split = ",",
            description = "Sample files: candidate=sequence pairs, the item first, then item attributes, e.g. "
                    + "movieId=histMovieIds,genre=histGenres. Default: the layout written by prepare.")
    List<String> attention = new ArrayList<>();

    @Option(
            names = "--split-col",
            description = "Sample files: split column (train/validation/test). Default: 'split' if present.")
    String splitColumn;

    @Option(
            names = "--sequence-delimiter",
            defaultValue = "|",
            description = "Sample files: separator of ids in a sequence column. Default: ${DEFAULT-VALUE}.")
    String sequenceDelimiter;

    @Option(
            names = "--validation-samples",
            paramLabel = "FILE",
            description = "Sample files: a separate validation file.")
    Path validationSamples;

    @Option(names = "--test-samples", paramLabel = "FILE", description = "Sample files: a separate test file.")
    Path testSamples;

    // Sampling.
    @Option(
            names = "--max-len",
            defaultValue = "50",
            description = "Most recent behaviours kept. Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(
            names = "--negatives",
            defaultValue = "1",
            description = "Sampled negatives per positive. Default: ${DEFAULT-VALUE}.")
    int negatives;

    @Option(
            names = "--negative-sampling",
            defaultValue = "uniform",
            description = "uniform or popularity. Default: ${DEFAULT-VALUE}.")
    NegativeSampling negativeSampling;

    @Option(
            names = "--positive-threshold",
            description = "A rating at or above it is positive; default: every interaction is positive.")
    Double positiveThreshold;

    // Features.
    @Option(
            names = "--min-count",
            defaultValue = "1",
            description = "Occurrences a token needs in the training split for its own id. Default: ${DEFAULT-VALUE}.")
    int minCount;

    /** Fits vocabularies and numeric statistics on the training split, as these options say. */
    FeatureFitter featureFitter() {
        return new FeatureFitter(minCount);
    }

    @Option(
            names = "--holdout-share",
            paramLabel = "SHARE",
            description = "Per user and in time order, hold out this share of the events for test and the same share "
                    + "of the rest for validation (with --positive-threshold and --negatives 0: the DIN tutorial's "
                    + "labelled ratings); default: the last positive is test, the second-last validation.")
    Double holdoutShare;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of sampling and training. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** The input these options name, to be read with a history length and a seed. */
    SampleSource source() {
        Kind kind = source.movielens != null
                ? Kind.MOVIELENS
                : source.log != null ? Kind.LOG : source.impressions != null ? Kind.IMPRESSIONS : Kind.SAMPLES;
        Path path = source.movielens != null
                ? source.movielens
                : source.log != null ? source.log : source.impressions != null ? source.impressions : source.samples;
        return new SampleSource(
                new SampleSource.Settings(
                        kind,
                        path,
                        delimiter,
                        new LogFormat(
                                null,
                                !noHeader,
                                userColumn,
                                itemColumn,
                                timeColumn,
                                categoryColumn,
                                ratingColumn,
                                labelColumn,
                                eventColumn),
                        itemFile.attributeFile(),
                        itemCategoryColumn,
                        itemFile.nameColumn,
                        users == null ? null : new SampleSource.AttributeFile(users, userKey),
                        categorical,
                        numeric,
                        contextCategorical,
                        contextNumeric,
                        attention,
                        splitColumn,
                        sequenceDelimiter,
                        validationSamples,
                        testSamples,
                        onError,
                        new SampleSource.Impressions(
                                events, DurationStyle.detectAndParse(clickWindow), new HashSet<>(clickTypes))),
                System.err);
    }

    /** How samples are built from a log, with these options' history length and seed. */
    SamplingConfig samplingConfig() {
        return samplingConfig(maxLength, seed);
    }

    SamplingConfig samplingConfig(int maxLength, long seed) {
        return new SamplingConfig(
                maxLength,
                positiveThreshold,
                new HashSet<>(positiveEvents),
                negatives,
                negativeSampling,
                seed,
                holdoutShare);
    }

    /** Reads the input and builds samples, reporting skipped rows on stderr. */
    SampleSet samples() {
        return source().samples(samplingConfig());
    }
}

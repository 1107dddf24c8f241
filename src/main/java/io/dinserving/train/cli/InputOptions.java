package io.dinserving.train.cli;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.train.FeatureFitter;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleBuilder;
import io.dinserving.train.SampleSet;
import io.dinserving.train.SamplingConfig;
import io.dinserving.train.SamplingConfig.NegativeSampling;
import io.dinserving.train.Split;
import io.dinserving.train.io.AttributeTable;
import io.dinserving.train.io.BehaviourLogReader;
import io.dinserving.train.io.DelimitedFile;
import io.dinserving.train.io.Event;
import io.dinserving.train.io.LogDataset;
import io.dinserving.train.io.LogFormat;
import io.dinserving.train.io.MovieLensReader;
import io.dinserving.train.io.RowErrors;
import io.dinserving.train.io.SampleFileLayout;
import io.dinserving.train.io.SampleFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
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
    }

    @Option(
            names = "--on-error",
            defaultValue = "fail",
            description =
                    "What to do with a malformed row: fail or skip (skipped rows are counted). Default: ${DEFAULT-VALUE}.")
    String onError;

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
    @Option(names = "--items", paramLabel = "FILE", description = "Optional item attribute file.")
    Path items;

    @Option(
            names = "--item-key",
            defaultValue = "itemId",
            description = "Item id column of --items. Default: ${DEFAULT-VALUE}.")
    String itemKey;

    @Option(
            names = "--item-category-col",
            defaultValue = "category",
            description = "Category column of --items. Default: ${DEFAULT-VALUE}.")
    String itemCategoryColumn;

    @Option(
            names = "--item-name-col",
            description = "Optional display-name column of --items (e.g. title), shown in explained rankings.")
    String itemNameColumn;

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
    String negativeSampling;

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

    RowErrors rowErrors() {
        return new RowErrors(RowErrors.Policy.valueOf(onError.trim().toUpperCase()));
    }

    /** Reads the input and builds samples, reporting skipped rows on stderr. */
    SampleSet samples() {
        RowErrors errors = rowErrors();
        SampleSet set;
        if (source.samples != null) {
            set = readSampleFiles(errors);
        } else {
            LogDataset data =
                    source.movielens != null ? new MovieLensReader(errors).read(source.movielens) : readLog(errors);
            set = new SampleBuilder(samplingConfig()).build(data);
        }
        if (errors.skipped() > 0) {
            System.err.println(errors.summary());
        }
        return set;
    }

    SamplingConfig samplingConfig() {
        return new SamplingConfig(
                maxLength,
                positiveThreshold,
                new HashSet<>(positiveEvents),
                negatives,
                NegativeSampling.valueOf(negativeSampling.trim().toUpperCase().replace('-', '_')),
                seed,
                holdoutShare);
    }

    private LogDataset readLog(RowErrors errors) {
        Path log = source.log;
        String sep = delimiter != null ? unescape(delimiter) : DelimitedFile.delimiterFor(log);
        LogFormat format = new LogFormat(
                sep,
                !noHeader,
                userColumn,
                itemColumn,
                timeColumn,
                categoryColumn,
                ratingColumn,
                labelColumn,
                eventColumn);
        List<Event> events = new BehaviourLogReader(format, errors).read(log);
        Map<String, String> categories = Map.of();
        Map<String, String> names = Map.of();
        if (items != null) {
            List<String> columns = new ArrayList<>(List.of(itemCategoryColumn));
            if (itemNameColumn != null) {
                columns.add(itemNameColumn);
            }
            AttributeTable table = AttributeTable.read(
                    items, DelimitedFile.delimiterFor(items), true, StandardCharsets.UTF_8, itemKey, columns, errors);
            categories = table.column(itemCategoryColumn);
            names = itemNameColumn == null ? Map.of() : table.column(itemNameColumn);
        } else if (itemNameColumn != null) {
            throw new IllegalArgumentException("--item-name-col takes a column of the --items file");
        }
        AttributeTable userTable = AttributeTable.empty();
        List<NumericFeature> numericFeatures = numericFeatures(numeric, FeatureSpec.Source.USER);
        if (users != null) {
            List<String> columns = new ArrayList<>(categorical);
            numericFeatures.forEach(f -> columns.add(f.name()));
            userTable = AttributeTable.read(
                    users, DelimitedFile.delimiterFor(users), true, StandardCharsets.UTF_8, userKey, columns, errors);
        } else if (!categorical.isEmpty() || !numeric.isEmpty()) {
            throw new IllegalArgumentException("--categorical and --numeric with --log need a --users file");
        }
        if (!contextCategorical.isEmpty() || !contextNumeric.isEmpty()) {
            throw new IllegalArgumentException(
                    "--context-categorical and --context-numeric take columns of --samples files");
        }
        return new LogDataset(
                log.toString(),
                events,
                categories,
                userTable,
                categorical.stream().map(CategoricalFeature::user).toList(),
                numericFeatures,
                names);
    }

    private SampleSet readSampleFiles(RowErrors errors) {
        SampleFileLayout layout = sampleLayout(source.samples);
        SampleSet main = new SampleFileReader(layout, errors).read(source.samples, maxLength);
        if (validationSamples == null && testSamples == null) {
            return main;
        }
        List<Sample> all = new ArrayList<>(main.samples());
        ItemCatalogue.Builder catalogue = ItemCatalogue.builder().addAll(main.catalogue());
        Map<Split, Path> extras = new java.util.EnumMap<>(Split.class);
        if (validationSamples != null) {
            extras.put(Split.VALIDATION, validationSamples);
        }
        if (testSamples != null) {
            extras.put(Split.TEST, testSamples);
        }
        extras.forEach((split, file) -> {
            // Every row of a separate file takes that file's split, so its own layout need not have a
            // split column (or a user or time column) because the main file does.
            SampleFileLayout own = sampleLayout(file);
            SampleFileLayout fileLayout = new SampleFileLayout(
                    layout.attention(),
                    layout.categorical(),
                    layout.numeric(),
                    layout.label(),
                    own.user(),
                    null,
                    own.timestamp(),
                    layout.delimiter(),
                    layout.sequenceDelimiter());
            SampleSet set = new SampleFileReader(fileLayout, errors).read(file, maxLength);
            set.samples()
                    .forEach(s -> all.add(new Sample(
                            s.user(),
                            s.timestamp(),
                            s.candidate(),
                            s.history(),
                            s.historyTimes(),
                            s.categorical(),
                            s.numeric(),
                            s.label(),
                            split)));
            catalogue.addAll(set.catalogue());
        });
        return new SampleSet(main.source(), main.spec(), all, catalogue.build());
    }

    /** The declared layout, or the one {@code prepare} writes when no attention pair is declared. */
    SampleFileLayout sampleLayout(Path file) {
        String sep = delimiter != null ? unescape(delimiter) : DelimitedFile.delimiterFor(file);
        List<String> header = header(file, sep);
        List<AttentionPair> pairs;
        if (attention.isEmpty()) {
            pairs = FeatureSpec.forBehaviourLogs(header.contains(FeatureSpec.LOG_CATEGORY), List.of(), List.of(), 1)
                    .attention();
        } else {
            pairs = SampleFileReader.parsePairs(attention);
        }
        String split = splitColumn != null
                ? splitColumn
                : header.contains(SampleFileLayout.SPLIT) ? SampleFileLayout.SPLIT : null;
        String user = header.contains(userColumn) ? userColumn : null;
        String time = header.contains(timeColumn) ? timeColumn : null;
        List<CategoricalFeature> categoricalFeatures = new ArrayList<>();
        categorical.forEach(name -> categoricalFeatures.add(CategoricalFeature.user(name)));
        contextCategorical.forEach(name -> categoricalFeatures.add(CategoricalFeature.context(name)));
        List<NumericFeature> numericFeatures = new ArrayList<>(numericFeatures(numeric, FeatureSpec.Source.USER));
        numericFeatures.addAll(numericFeatures(contextNumeric, FeatureSpec.Source.CONTEXT));
        return new SampleFileLayout(
                pairs,
                categoricalFeatures,
                numericFeatures,
                labelColumn != null ? labelColumn : SampleFileLayout.LABEL,
                user,
                split,
                time,
                sep,
                sequenceDelimiter);
    }

    static List<String> header(Path file, String sep) {
        try (var lines = Files.lines(file)) {
            String first = lines.findFirst().orElse("");
            List<String> names = new ArrayList<>();
            for (String name : first.split(java.util.regex.Pattern.quote(sep), -1)) {
                names.add(name.trim().replace("\"", ""));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<NumericFeature> numericFeatures(List<String> declarations, FeatureSpec.Source source) {
        List<NumericFeature> features = new ArrayList<>();
        for (String declaration : declarations) {
            String[] parts = declaration.split(":");
            Normalization normalization = parts.length > 1
                    ? Normalization.valueOf(parts[1].trim().toUpperCase().replace('-', '_'))
                    : Normalization.Z_SCORE;
            boolean flag = parts.length > 2 && parts[2].trim().equalsIgnoreCase("flag");
            features.add(new NumericFeature(parts[0].trim(), source, normalization, flag));
        }
        return features;
    }

    static String unescape(String delimiter) {
        return delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
    }
}

package io.dinserving.train.io;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleBuilder;
import io.dinserving.train.SampleSet;
import io.dinserving.train.SamplingConfig;
import io.dinserving.train.Split;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where samples come from, and how to read them: a MovieLens directory or a behaviour log, from
 * which samples are built, or pre-built sample files.
 */
public final class SampleSource {

    /** What kind of input {@link Settings#path} is. */
    public enum Kind {
        MOVIELENS,
        LOG,
        SAMPLES,
        /** The service's impression log, joined with later clicks. */
        IMPRESSIONS
    }

    /**
     * How to read the input. Columns are header names; the optional ones are null when absent.
     *
     * @param delimiter the field delimiter, or null for tab with {@code .tsv} and comma otherwise
     * @param log the columns of a behaviour log; its delimiter is unused
     * @param items an item attribute file, or null
     * @param users a user attribute file, or null
     * @param categorical categorical user-profile columns (of {@code users}, or of a sample file)
     * @param numeric numeric user-profile columns as {@code NAME[:z-score|min-max|none][:flag]}
     * @param contextCategorical sample files: categorical context columns
     * @param contextNumeric sample files: numeric context columns, declared like {@code numeric}
     * @param attention sample files: {@code candidate=sequence} pairs, the item first; empty for the
     *     layout {@code prepare} writes
     * @param splitColumn sample files: the split column, or null for {@code split} where present
     * @param validationSamples sample files: a separate validation file, or null
     * @param testSamples sample files: a separate test file, or null
     * @param impressions impression logs: the clicks, a file or directory of events
     */
    public record Settings(
            Kind kind,
            Path path,
            String delimiter,
            LogFormat log,
            AttributeFile items,
            String itemCategoryColumn,
            String itemNameColumn,
            AttributeFile users,
            List<String> categorical,
            List<String> numeric,
            List<String> contextCategorical,
            List<String> contextNumeric,
            List<String> attention,
            String splitColumn,
            String sequenceDelimiter,
            Path validationSamples,
            Path testSamples,
            RowErrors.Policy onError,
            Impressions impressions) {}

    /**
     * How impressions are joined with clicks.
     *
     * @param events a file or directory of events in JSON Lines
     * @param window how long after a ranking a click counts for it
     * @param clickTypes the event types that are clicks; empty for all
     */
    public record Impressions(Path events, Duration window, Set<String> clickTypes) {}

    /** An attribute file and its key column. */
    public record AttributeFile(Path path, String key) {}

    private final Settings settings;
    private final PrintStream warnings;

    /** @param warnings where the count of skipped rows goes */
    public SampleSource(Settings settings, PrintStream warnings) {
        this.settings = settings;
        this.warnings = warnings;
    }

    /** Reads the input and builds samples as {@code sampling} says, reporting skipped rows. */
    public SampleSet samples(SamplingConfig sampling) {
        RowErrors errors = new RowErrors(settings.onError());
        SampleSet set = switch (settings.kind()) {
            case SAMPLES -> withItemNames(readSampleFiles(errors, sampling.maxLength()));
            case MOVIELENS -> new SampleBuilder(sampling).build(new MovieLensReader(errors).read(settings.path()));
            case LOG -> new SampleBuilder(sampling).build(readLog(errors));
            case IMPRESSIONS -> impressions(sampling, errors);
        };
        if (errors.skipped() > 0) {
            warnings.println(errors.summary());
        }
        return set;
    }

    private SampleSet impressions(SamplingConfig sampling, RowErrors errors) {
        Impressions join = settings.impressions();
        if (join == null || join.events() == null) {
            throw new IllegalArgumentException("impressions are joined with clicks: name the events with --events");
        }
        double holdout = sampling.holdoutShare() == null ? 0.1 : sampling.holdoutShare();
        return new ImpressionJoin(join.window(), join.clickTypes(), holdout, sampling.maxLength())
                .join(settings.path(), join.events(), errors);
    }

    /** The display names in an item file's column, by item id. */
    public static Map<String, String> itemNames(AttributeFile items, String nameColumn) {
        return AttributeTable.read(
                        items.path(),
                        DelimitedFile.delimiterFor(items.path()),
                        true,
                        StandardCharsets.UTF_8,
                        items.key(),
                        List.of(nameColumn),
                        RowErrors.failFast())
                .column(nameColumn);
    }

    private LogDataset readLog(RowErrors errors) {
        Path log = settings.path();
        LogFormat columns = settings.log();
        String sep = delimiter(log);
        LogFormat format = new LogFormat(
                sep,
                columns.header(),
                columns.user(),
                columns.item(),
                columns.timestamp(),
                columns.category(),
                columns.rating(),
                columns.label(),
                columns.eventType());
        List<Event> events = new BehaviourLogReader(format, errors).read(log);
        Map<String, String> categories = Map.of();
        Map<String, String> names = Map.of();
        AttributeFile items = settings.items();
        String nameColumn = settings.itemNameColumn();
        if (items != null) {
            List<String> wanted = new ArrayList<>(List.of(settings.itemCategoryColumn()));
            if (nameColumn != null) {
                wanted.add(nameColumn);
            }
            AttributeTable table = AttributeTable.read(
                    items.path(),
                    DelimitedFile.delimiterFor(items.path()),
                    true,
                    StandardCharsets.UTF_8,
                    items.key(),
                    wanted,
                    errors);
            categories = table.column(settings.itemCategoryColumn());
            names = nameColumn == null ? Map.of() : table.column(nameColumn);
        } else if (nameColumn != null) {
            throw new IllegalArgumentException("--item-name-col takes a column of the --items file");
        }
        AttributeTable userTable = AttributeTable.empty();
        List<NumericFeature> numericFeatures = numericFeatures(settings.numeric(), FeatureSpec.Source.USER);
        AttributeFile users = settings.users();
        if (users != null) {
            List<String> wanted = new ArrayList<>(settings.categorical());
            numericFeatures.forEach(f -> wanted.add(f.name()));
            userTable = AttributeTable.read(
                    users.path(),
                    DelimitedFile.delimiterFor(users.path()),
                    true,
                    StandardCharsets.UTF_8,
                    users.key(),
                    wanted,
                    errors);
        } else if (!settings.categorical().isEmpty() || !settings.numeric().isEmpty()) {
            throw new IllegalArgumentException("--categorical and --numeric with --log need a --users file");
        }
        if (!settings.contextCategorical().isEmpty()
                || !settings.contextNumeric().isEmpty()) {
            throw new IllegalArgumentException(
                    "--context-categorical and --context-numeric take columns of --samples files");
        }
        return new LogDataset(
                log.toString(),
                events,
                categories,
                userTable,
                settings.categorical().stream().map(CategoricalFeature::user).toList(),
                numericFeatures,
                names);
    }

    /** Sample files carry no names; an item file given beside them does. */
    private SampleSet withItemNames(SampleSet set) {
        if (settings.items() == null) {
            return set;
        }
        if (settings.itemNameColumn() == null) {
            throw new IllegalArgumentException(
                    "--items with --samples supplies display names; name their column with --item-name-col");
        }
        return new SampleSet(
                set.source(),
                set.spec(),
                set.samples(),
                set.catalogue(),
                itemNames(settings.items(), settings.itemNameColumn()));
    }

    private SampleSet readSampleFiles(RowErrors errors, int maxLength) {
        SampleFileLayout layout = sampleLayout(settings.path());
        SampleSet main = new SampleFileReader(layout, errors).read(settings.path(), maxLength);
        Map<Split, Path> extras = new EnumMap<>(Split.class);
        if (settings.validationSamples() != null) {
            extras.put(Split.VALIDATION, settings.validationSamples());
        }
        if (settings.testSamples() != null) {
            extras.put(Split.TEST, settings.testSamples());
        }
        if (extras.isEmpty()) {
            return main;
        }
        List<Sample> all = new ArrayList<>(main.samples());
        ItemCatalogue.Builder catalogue = ItemCatalogue.builder().addAll(main.catalogue());
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
            set.samples().forEach(s -> all.add(s.inSplit(split)));
            catalogue.addAll(set.catalogue());
        });
        return new SampleSet(main.source(), main.spec(), all, catalogue.build());
    }

    /** The declared layout, or the one {@code prepare} writes when no attention pair is declared. */
    private SampleFileLayout sampleLayout(Path file) {
        String sep = delimiter(file);
        List<String> header = DelimitedFile.headerOf(file, sep);
        List<AttentionPair> pairs = settings.attention().isEmpty()
                ? FeatureSpec.forBehaviourLogs(header.contains(FeatureSpec.LOG_CATEGORY), List.of(), List.of(), 1)
                        .attention()
                : SampleFileReader.parsePairs(settings.attention());
        String split = settings.splitColumn() != null
                ? settings.splitColumn()
                : header.contains(SampleFileLayout.SPLIT) ? SampleFileLayout.SPLIT : null;
        LogFormat columns = settings.log();
        String user = header.contains(columns.user()) ? columns.user() : null;
        String time = header.contains(columns.timestamp()) ? columns.timestamp() : null;
        List<CategoricalFeature> categoricalFeatures = new ArrayList<>();
        settings.categorical().forEach(name -> categoricalFeatures.add(CategoricalFeature.user(name)));
        settings.contextCategorical().forEach(name -> categoricalFeatures.add(CategoricalFeature.context(name)));
        List<NumericFeature> numericFeatures =
                new ArrayList<>(numericFeatures(settings.numeric(), FeatureSpec.Source.USER));
        numericFeatures.addAll(numericFeatures(settings.contextNumeric(), FeatureSpec.Source.CONTEXT));
        return new SampleFileLayout(
                pairs,
                categoricalFeatures,
                numericFeatures,
                columns.label() != null ? columns.label() : SampleFileLayout.LABEL,
                user,
                split,
                time,
                sep,
                settings.sequenceDelimiter());
    }

    private String delimiter(Path file) {
        String declared = settings.delimiter();
        if (declared == null) {
            return DelimitedFile.delimiterFor(file);
        }
        return DelimitedFile.unescape(declared);
    }

    /** Parses {@code NAME[:z-score|min-max|none][:flag]} declarations. */
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
}

package io.dinserving.train.cli;

import io.dinserving.nn.ModelConfig;
import io.dinserving.train.SamplingConfig;
import io.dinserving.train.TrainingConfig;
import io.dinserving.train.io.RowErrors;
import io.dinserving.train.tune.Criterion;
import io.dinserving.train.tune.SearchSpace;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Enum options as users type them: lower case, with hyphens ({@code item-only}, {@code log-loss}),
 * parsed by picocli into the enum, and refused with the values there are.
 */
final class EnumOptions {

    private static final List<Class<? extends Enum<?>>> TYPES = List.of(
            ModelConfig.Variant.class,
            ModelConfig.Activation.class,
            ModelConfig.WeightNormalization.class,
            TrainingConfig.StoppingMetric.class,
            TrainingConfig.LearningRateSchedule.class,
            SamplingConfig.NegativeSampling.class,
            RowErrors.Policy.class,
            Criterion.class,
            SearchSpace.Search.class,
            io.dinserving.serving.ModelProperties.DeviceChoice.class);

    private EnumOptions() {}

    /** The command line, with every enum option of the CLI parsed as users type it. */
    static CommandLine register(CommandLine cli) {
        for (Class<? extends Enum<?>> type : TYPES) {
            register(cli, type);
        }
        return cli;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(CommandLine cli, Class type) {
        cli.registerConverter(type, text -> parse(type, (String) text));
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw new CommandLine.TypeConversionException("'" + text + "' is not one of " + typed(type));
    }

    /** The values as typed: {@code din, base, item-only}. */
    static String typed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}

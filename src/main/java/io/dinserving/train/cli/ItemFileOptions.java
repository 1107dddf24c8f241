package io.dinserving.train.cli;

import io.dinserving.train.io.SampleSource;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** An item file: attributes for a behaviour log, and display names (e.g. titles) for any bundle. */
final class ItemFileOptions {

    @Option(
            names = "--items",
            paramLabel = "FILE",
            description = "Optional item file: attributes of a log's items, and with --item-name-col their display "
                    + "names, e.g. MovieLens movies.csv with --item-key movieId --item-name-col title.")
    Path items;

    @Option(
            names = "--item-key",
            defaultValue = "itemId",
            description = "Item id column of --items. Default: ${DEFAULT-VALUE}.")
    String key;

    @Option(
            names = "--item-name-col",
            description = "Display-name column of --items (e.g. title): stored in the bundle, shown in explained "
                    + "rankings, in responses that ask for names and on the demo page.")
    String nameColumn;

    SampleSource.AttributeFile attributeFile() {
        return items == null ? null : new SampleSource.AttributeFile(items, key);
    }

    /** The display names of the item file, or none without one. */
    Map<String, String> names() {
        if (items == null) {
            return Map.of();
        }
        if (nameColumn == null) {
            throw new IllegalArgumentException(
                    "--items here supplies display names; name their column with " + "--item-name-col");
        }
        return SampleSource.itemNames(attributeFile(), nameColumn);
    }
}

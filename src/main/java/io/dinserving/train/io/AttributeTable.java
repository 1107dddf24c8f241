package io.dinserving.train.io;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes keyed by an id, read from an item or user attribute file: category, price, gender,
 * age, occupation. Values are kept as text; the feature spec decides which are numeric.
 */
public final class AttributeTable {

    private final Map<String, Map<String, String>> rows;

    public AttributeTable(Map<String, Map<String, String>> rows) {
        this.rows = Map.copyOf(rows);
    }

    public static AttributeTable empty() {
        return new AttributeTable(Map.of());
    }

    /**
     * Reads the given columns of a delimited file.
     *
     * @param key the id column
     * @param columns the attribute columns to keep, by header name or 1-based position
     */
    public static AttributeTable read(
            Path file,
            String delimiter,
            boolean header,
            Charset charset,
            String key,
            List<String> columns,
            RowErrors errors) {
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (DelimitedFile in = DelimitedFile.open(file, delimiter, header, charset)) {
            int keyColumn = in.column(key);
            int[] indexes = columns.stream().mapToInt(in::column).toArray();
            in.rows().forEach(row -> {
                try {
                    String id = row.required(keyColumn, key);
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 0; i < indexes.length; i++) {
                        values.put(columns.get(i), row.optional(indexes[i]));
                    }
                    if (rows.putIfAbsent(id, values) != null) {
                        throw row.error(keyColumn, "duplicate id '" + id + "'");
                    }
                } catch (MalformedRowException e) {
                    errors.handle(e);
                }
            });
        }
        return new AttributeTable(rows);
    }

    /** The value of an attribute, or null if the id or the value is absent. */
    public String get(String id, String attribute) {
        Map<String, String> values = rows.get(id);
        return values == null ? null : values.get(attribute);
    }

    /** A copy with one attribute per id, null values left out. */
    public Map<String, String> column(String attribute) {
        Map<String, String> out = new HashMap<>();
        rows.forEach((id, values) -> {
            String v = values.get(attribute);
            if (v != null) {
                out.put(id, v);
            }
        });
        return out;
    }

    public int size() {
        return rows.size();
    }
}

package io.dinserving.train.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV, TSV or other delimited file whose rows know their file and line, so that every parse
 * error can name file, line and column. Columns are named by header or, without a header, by
 * 1-based position.
 */
public final class DelimitedFile implements AutoCloseable {

    private final Path file;
    private final CSVParser parser;
    private final List<String> header;
    private final boolean hasHeader;

    private DelimitedFile(Path file, CSVParser parser, boolean hasHeader) {
        this.file = file;
        this.parser = parser;
        this.hasHeader = hasHeader;
        this.header = hasHeader ? parser.getHeaderNames() : List.of();
    }

    /**
     * Opens a delimited file.
     *
     * @param delimiter one or more characters, e.g. {@code ","}, {@code "\t"} or {@code "::"}
     * @param hasHeader whether the first line names the columns
     */
    public static DelimitedFile open(Path file, String delimiter, boolean hasHeader, Charset charset) {
        CSVFormat.Builder format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setTrim(true);
        if (delimiter.length() > 1 || delimiter.equals("|") || delimiter.equals("\t")) {
            // Pipes, tabs and '::' files (MovieLens) do not quote; titles may hold stray quotes.
            format.setQuote(null);
        }
        if (hasHeader) {
            format.setHeader().setSkipHeaderRecord(true);
        }
        try {
            Reader reader = Files.newBufferedReader(file, charset);
            return new DelimitedFile(file, CSVParser.parse(reader, format.get()), hasHeader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The column names of a file's header line. */
    public static List<String> headerOf(Path file, String delimiter) {
        try (DelimitedFile f = open(file, delimiter, true, java.nio.charset.StandardCharsets.UTF_8)) {
            return List.copyOf(f.header);
        }
    }

    /** A delimiter as a user may type it: {@code \t} or {@code tab} for a tab. */
    public static String unescape(String delimiter) {
        return delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
    }

    /** Guesses the delimiter from the file name: tab for .tsv, comma otherwise. */
    public static String delimiterFor(Path file) {
        return file.getFileName().toString().toLowerCase().endsWith(".tsv") ? "\t" : ",";
    }

    public Path file() {
        return file;
    }

    /**
     * Resolves a column by header name or 1-based position.
     *
     * @throws IllegalArgumentException naming the file and the columns it has
     */
    public int column(String nameOrPosition) {
        if (hasHeader) {
            int index = header.indexOf(nameOrPosition);
            if (index >= 0) {
                return index;
            }
        }
        try {
            int position = Integer.parseInt(nameOrPosition);
            if (position >= 1) {
                return position - 1;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error naming the columns
        }
        throw new IllegalArgumentException("column '" + nameOrPosition + "' not found in " + file
                + (hasHeader ? "; it has " + header : "; it has no header, so name columns by 1-based position"));
    }

    /** The rows, lazily; each is read once. */
    public Stream<Row> rows() {
        return StreamSupport.stream(parser.spliterator(), false).map(Row::new);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row, with typed accessors that fail naming file, line and column. */
    public final class Row {
        private final CSVRecord record;
        private final long line;

        Row(CSVRecord record) {
            this.record = record;
            this.line = record.getRecordNumber() + (hasHeader ? 1 : 0);
        }

        public long line() {
            return line;
        }

        /** The value of a column; a missing column is a malformed row. */
        public String get(int column) {
            if (column >= record.size()) {
                throw error(column, "row has " + record.size() + " columns, column " + (column + 1) + " is missing");
            }
            return record.get(column);
        }

        /** A required non-blank value. */
        public String required(int column, String what) {
            String value = get(column);
            if (value.isBlank()) {
                throw error(column, what + " is blank");
            }
            return value;
        }

        /** An optional value: null if blank. */
        public String optional(int column) {
            String value = get(column);
            return value.isBlank() ? null : value;
        }

        public long requiredLong(int column, String what) {
            String value = required(column, what);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(value);
                    if (d == Math.rint(d)) {
                        return (long) d;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw error(column, what + " '" + value + "' is not an integer");
            }
        }

        /** An optional number: null if blank, an error if not a number. */
        public Double optionalDouble(int column, String what) {
            String value = optional(column);
            if (value == null) {
                return null;
            }
            try {
                double d = Double.parseDouble(value);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw error(column, what + " '" + value + "' is not a finite number");
                }
                return d;
            } catch (NumberFormatException e) {
                throw error(column, what + " '" + value + "' is not a number");
            }
        }

        /** A required 0/1 label; {@code true}/{@code false} and {@code 1.0}/{@code 0.0} are accepted too. */
        public int requiredLabel(int column) {
            String value = required(column, "label");
            return switch (value) {
                case "1", "1.0", "true" -> 1;
                case "0", "0.0", "false" -> 0;
                default -> throw error(column, "label '" + value + "' is not 0 or 1");
            };
        }

        public MalformedRowException error(int column, String reason) {
            return new MalformedRowException(file, line, column + 1, reason);
        }
    }
}

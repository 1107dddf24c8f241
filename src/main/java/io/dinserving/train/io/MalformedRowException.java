package io.dinserving.train.io;

import java.nio.file.Path;

/** A row that cannot be read, with where it is: file, 1-based line and 1-based column. */
public class MalformedRowException extends RuntimeException {

    private final Path file;
    private final long line;
    private final int column;

    public MalformedRowException(Path file, long line, int column, String reason) {
        super(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    /** The 1-based column, or 0 when the row as a whole is wrong. */
    public int column() {
        return column;
    }
}

package io.dinserving.train.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a behaviour log in a configurable layout. */
public final class BehaviourLogReader {

    private final LogFormat format;
    private final RowErrors errors;

    public BehaviourLogReader(LogFormat format, RowErrors errors) {
        this.format = format;
        this.errors = errors;
    }

    /** Reads every well-formed event in file order. */
    public List<Event> read(Path file) {
        List<Event> events = new ArrayList<>();
        try (DelimitedFile in = DelimitedFile.open(file, format.delimiter(), format.header(), StandardCharsets.UTF_8)) {
            int user = in.column(format.user());
            int item = in.column(format.item());
            int time = in.column(format.timestamp());
            int category = format.category() == null ? -1 : in.column(format.category());
            int rating = format.rating() == null ? -1 : in.column(format.rating());
            int label = format.label() == null ? -1 : in.column(format.label());
            int type = format.eventType() == null ? -1 : in.column(format.eventType());
            in.rows().forEach(row -> {
                try {
                    events.add(new Event(
                            row.required(user, "user"),
                            row.required(item, "item"),
                            category < 0 ? null : row.optional(category),
                            row.requiredLong(time, "timestamp"),
                            rating < 0 ? null : row.optionalDouble(rating, "rating"),
                            label < 0 ? null : row.requiredLabel(label),
                            type < 0 ? null : row.optional(type)));
                } catch (MalformedRowException e) {
                    errors.handle(e);
                }
            });
        }
        return events;
    }
}

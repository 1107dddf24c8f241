package io.dinserving.train.io;

import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.Normalization;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the MovieLens releases, recognised by their files:
 *
 * <ul>
 *   <li>ml-latest-small (and ml-latest, ml-25m): {@code ratings.csv} and {@code movies.csv};
 *   <li>ml-100k: {@code u.data}, {@code u.item} and {@code u.user};
 *   <li>ml-1m: {@code ratings.dat}, {@code movies.dat} and {@code users.dat}.
 * </ul>
 *
 * A movie's first genre is its category; "(no genres listed)" and "unknown" count as missing.
 */
public final class MovieLensReader {

    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
    private static final List<String> ML100K_GENRES = List.of(
            "unknown",
            "Action",
            "Adventure",
            "Animation",
            "Children's",
            "Comedy",
            "Crime",
            "Documentary",
            "Drama",
            "Fantasy",
            "Film-Noir",
            "Horror",
            "Musical",
            "Mystery",
            "Romance",
            "Sci-Fi",
            "Thriller",
            "War",
            "Western");

    private final RowErrors errors;

    public MovieLensReader(RowErrors errors) {
        this.errors = errors;
    }

    /** Reads whichever release the directory holds. */
    public LogDataset read(Path directory) {
        if (Files.exists(directory.resolve("ratings.csv"))) {
            return readLatest(directory);
        }
        if (Files.exists(directory.resolve("u.data"))) {
            return read100k(directory);
        }
        if (Files.exists(directory.resolve("ratings.dat"))) {
            return read1m(directory);
        }
        throw new IllegalArgumentException(
                directory + " holds no MovieLens ratings: expected ratings.csv, u.data or ratings.dat");
    }

    private LogDataset readLatest(Path dir) {
        List<Event> events = new BehaviourLogReader(
                        new LogFormat(",", true, "userId", "movieId", "timestamp", null, "rating", null, null), errors)
                .read(dir.resolve("ratings.csv"));
        Map<String, String> categories =
                firstGenres(dir.resolve("movies.csv"), ",", true, StandardCharsets.UTF_8, "movieId", "genres");
        return new LogDataset(
                dir.toString(),
                withCategories(events, categories),
                categories,
                AttributeTable.empty(),
                List.of(),
                List.of(),
                titles(dir.resolve("movies.csv"), ",", true, StandardCharsets.UTF_8, "movieId", "title"));
    }

    private LogDataset read1m(Path dir) {
        List<Event> events = new BehaviourLogReader(
                        new LogFormat("::", false, "1", "2", "4", null, "3", null, null), errors)
                .read(dir.resolve("ratings.dat"));
        Map<String, String> categories = firstGenres(dir.resolve("movies.dat"), "::", false, LATIN_1, "1", "3");
        AttributeTable users = optionalUsers(dir.resolve("users.dat"), "::", List.of("2", "3", "4"));
        return new LogDataset(
                dir.toString(),
                withCategories(events, categories),
                categories,
                rename(users, Map.of("2", "gender", "3", "age", "4", "occupation")),
                users.size() == 0
                        ? List.of()
                        : List.of(
                                CategoricalFeature.user("gender"),
                                CategoricalFeature.user("age"),
                                CategoricalFeature.user("occupation")),
                List.of(),
                titles(dir.resolve("movies.dat"), "::", false, LATIN_1, "1", "2"));
    }

    private LogDataset read100k(Path dir) {
        List<Event> events = new BehaviourLogReader(
                        new LogFormat("\t", false, "1", "2", "4", null, "3", null, null), errors)
                .read(dir.resolve("u.data"));
        Map<String, String> categories = new HashMap<>();
        Path items = dir.resolve("u.item");
        if (Files.exists(items)) {
            try (DelimitedFile in = DelimitedFile.open(items, "|", false, LATIN_1)) {
                in.rows().forEach(row -> {
                    try {
                        String id = row.required(0, "movie id");
                        for (int g = 1; g < ML100K_GENRES.size(); g++) {
                            if ("1".equals(row.get(5 + g))) {
                                categories.put(id, ML100K_GENRES.get(g));
                                break;
                            }
                        }
                    } catch (MalformedRowException e) {
                        errors.handle(e);
                    }
                });
            }
        }
        AttributeTable users = optionalUsers(dir.resolve("u.user"), "|", List.of("2", "3", "4"));
        return new LogDataset(
                dir.toString(),
                withCategories(events, categories),
                categories,
                rename(users, Map.of("2", "age", "3", "gender", "4", "occupation")),
                users.size() == 0
                        ? List.of()
                        : List.of(CategoricalFeature.user("gender"), CategoricalFeature.user("occupation")),
                users.size() == 0 ? List.of() : List.of(NumericFeature.user("age", Normalization.Z_SCORE, false)),
                titles(items, "|", false, LATIN_1, "1", "2"));
    }

    private AttributeTable optionalUsers(Path file, String delimiter, List<String> columns) {
        if (!Files.exists(file)) {
            return AttributeTable.empty();
        }
        return AttributeTable.read(file, delimiter, false, LATIN_1, "1", columns, errors);
    }

    private static AttributeTable rename(AttributeTable table, Map<String, String> names) {
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (Map.Entry<String, String> column : names.entrySet()) {
            table.column(column.getKey())
                    .forEach((id, value) ->
                            rows.computeIfAbsent(id, k -> new HashMap<>()).put(column.getValue(), value));
        }
        return new AttributeTable(rows);
    }

    /** Movie titles by id, the display names of explained rankings; none when the file is absent. */
    private Map<String, String> titles(
            Path file, String delimiter, boolean header, Charset charset, String idColumn, String titleColumn) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        return AttributeTable.read(file, delimiter, header, charset, idColumn, List.of(titleColumn), errors)
                .column(titleColumn);
    }

    private Map<String, String> firstGenres(
            Path file, String delimiter, boolean header, Charset charset, String idColumn, String genresColumn) {
        Map<String, String> categories = new HashMap<>();
        if (!Files.exists(file)) {
            return categories;
        }
        try (DelimitedFile in = DelimitedFile.open(file, delimiter, header, charset)) {
            int id = in.column(idColumn);
            int genres = in.column(genresColumn);
            in.rows().forEach(row -> {
                try {
                    String first = row.get(genres).split("\\|", 2)[0].trim();
                    if (!first.isEmpty() && !first.equals("(no genres listed)")) {
                        categories.put(row.required(id, "movie id"), first);
                    }
                } catch (MalformedRowException e) {
                    errors.handle(e);
                }
            });
        }
        return categories;
    }

    private static List<Event> withCategories(List<Event> events, Map<String, String> categories) {
        List<Event> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(new Event(
                    e.user(), e.item(), categories.get(e.item()), e.timestamp(), e.rating(), e.label(), e.eventType()));
        }
        return out;
    }
}

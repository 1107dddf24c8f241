import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The closed loop of scripts/closed-loop.sh on a MovieLens ratings file, run as a source file:
 *
 * <pre>
 *   java scripts/bench/ClosedLoop.java split    RATINGS_CSV DIR       cuts by time into DIR/ml-80, DIR/ml-98
 *   java scripts/bench/ClosedLoop.java replay   RATINGS_CSV DIR URL   the first 80 % as POST /events
 *   java scripts/bench/ClosedLoop.java simulate RATINGS_CSV DIR URL   the rest, as rankings and clicks
 * </pre>
 *
 * Simulating, each held-out rating, in time order, is a ranking for its user of the rated movie and
 * four others drawn at random from the movies of the first 80 %; the user then clicks the rated
 * movie (a line of DIR/clicks.jsonl, stamped a second after the ranking on the wall clock, as the
 * join compares clicks with when a ranking was served) and the rating becomes an event, so the next
 * ranking sees it.
 */
public final class ClosedLoop {

    record Rating(String user, String movie, long seconds) {}

    static final double SERVED = 0.8;
    static final double TRAINED_BY_MOVIELENS = 0.98; // the loop's test split is the last 10 % of 20 %

    public static void main(String[] args) throws Exception {
        List<Rating> ratings = read(Path.of(args[1]));
        Path dir = Path.of(args[2]);
        int served = (int) (ratings.size() * SERVED);
        switch (args[0]) {
            case "split" -> {
                Path movies = Path.of(args[1]).resolveSibling("movies.csv");
                write(dir.resolve("ml-80"), ratings.subList(0, served), movies);
                write(dir.resolve("ml-98"), ratings.subList(0, (int) (ratings.size() * TRAINED_BY_MOVIELENS)), movies);
                System.out.printf("%d ratings: %d served as history, %d simulated%n", ratings.size(), served,
                        ratings.size() - served);
            }
            case "replay" -> replay(ratings.subList(0, served), URI.create(args[3]));
            case "simulate" -> simulate(ratings.subList(0, served), ratings.subList(served, ratings.size()), dir,
                    URI.create(args[3]));
            default -> throw new IllegalArgumentException("split, replay or simulate");
        }
    }

    static List<Rating> read(Path file) throws IOException {
        List<Rating> ratings = new ArrayList<>();
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] f = line.split(",");
            ratings.add(new Rating(f[0], f[1], Long.parseLong(f[3])));
        }
        ratings.sort(Comparator.comparingLong(Rating::seconds)); // stable: ties keep the file's order
        return ratings;
    }

    static void write(Path dir, List<Rating> ratings, Path movies) throws IOException {
        Files.createDirectories(dir);
        Files.copy(movies, dir.resolve("movies.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("ratings.csv")))) {
            out.println("userId,movieId,rating,timestamp");
            for (Rating r : ratings) {
                out.println(r.user() + "," + r.movie() + ",5.0," + r.seconds());
            }
        }
    }

    static String event(Rating r, int index) {
        return "{\"eventId\":\"r" + index + "\",\"userId\":\"" + r.user() + "\",\"itemId\":\"" + r.movie()
                + "\",\"timestamp\":" + r.seconds() * 1000 + ",\"type\":\"rating\"}";
    }

    static void replay(List<Rating> ratings, URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        for (int from = 0; from < ratings.size(); from += 1000) {
            StringJoiner batch = new StringJoiner(",", "{\"events\":[", "]}");
            for (int i = from; i < Math.min(ratings.size(), from + 1000); i++) {
                batch.add(event(ratings.get(i), i));
            }
            post(http, base.resolve("/events"), batch.toString());
        }
        System.out.printf("replayed %d events in %.1f s%n", ratings.size(), (System.nanoTime() - started) / 1e9);
    }

    static void simulate(List<Rating> history, List<Rating> heldOut, Path dir, URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> movies = new ArrayList<>(new LinkedHashSet<>(history.stream().map(Rating::movie).toList()));
        Random random = new Random(7);
        long started = System.nanoTime();
        int clickedFirst = 0;
        try (PrintWriter clicks = new PrintWriter(Files.newBufferedWriter(dir.resolve("clicks.jsonl")))) {
            for (int i = 0; i < heldOut.size(); i++) {
                Rating r = heldOut.get(i);
                Set<String> candidates = new LinkedHashSet<>(List.of(r.movie()));
                while (candidates.size() < 5) {
                    candidates.add(movies.get(random.nextInt(movies.size())));
                }
                StringJoiner ids = new StringJoiner(",", "[", "]");
                candidates.forEach(c -> ids.add('"' + c + '"'));
                String ranked = post(http, base.resolve("/recommend"),
                        "{\"userId\":\"" + r.user() + "\",\"candidates\":" + ids + "}");
                if (ranked.contains("\"items\":[{\"itemId\":\"" + r.movie() + "\"")) {
                    clickedFirst++;
                }
                clicks.println("{\"userId\":\"" + r.user() + "\",\"itemId\":\"" + r.movie() + "\",\"timestamp\":"
                        + (System.currentTimeMillis() + 1000) + ",\"type\":\"click\"}");
                post(http, base.resolve("/events"), "{\"events\":[" + event(r, history.size() + i) + "]}");
            }
        }
        System.out.printf("simulated %d rankings in %.1f s; the clicked movie ranked first in %.1f %%%n",
                heldOut.size(), (System.nanoTime() - started) / 1e9, 100.0 * clickedFirst / heldOut.size());
    }

    static String post(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}

package io.dinserving.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A MovieLens directory in ml-latest-small's layout ({@code movies.csv} with quoted titles and
 * genres, {@code ratings.csv}), small enough to train in seconds: each user rates films of one
 * genre high and the rest low.
 */
final class TinyMovieLens {

    /** How every title ends: its year in brackets, as in MovieLens. */
    static final String TITLE_PATTERN = ".+ \\(\\d{4}\\)";

    private static final String[] GENRES = {"Animation", "Action", "Drama", "Comedy"};
    private static final int MOVIES = 40;
    private static final int USERS = 60;
    private static final int RATINGS_PER_USER = 20;

    private TinyMovieLens() {}

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> movies = new ArrayList<>(List.of("movieId,title,genres"));
        movies.add("1,Toy Story (1995),Animation|Children|Comedy");
        movies.add("2,\"Godfather, The (1972)\",Crime|Drama");
        for (int m = 3; m <= MOVIES; m++) {
            movies.add(m + ",Film number " + m + " (" + (1960 + m) + ")," + GENRES[m % GENRES.length] + "|Drama");
        }
        Files.write(dir.resolve("movies.csv"), movies);

        Random random = new Random(11);
        List<String> ratings = new ArrayList<>(List.of("userId,movieId,rating,timestamp"));
        for (int user = 1; user <= USERS; user++) {
            String liked = GENRES[user % GENRES.length];
            long time = 1_000_000_000L + user * 10_000L;
            for (int r = 0; r < RATINGS_PER_USER; r++) {
                int movie = 1 + random.nextInt(MOVIES);
                String genre = movie == 1 ? "Animation" : movie == 2 ? "Crime" : GENRES[movie % GENRES.length];
                double rating = genre.equals(liked) ? 5.0 : 1.5 + random.nextInt(3);
                ratings.add(user + "," + movie + "," + rating + "," + (time + r * 60));
            }
        }
        Files.write(dir.resolve("ratings.csv"), ratings);
        return dir;
    }
}

package io.dinserving.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes seeded behaviour logs in which attention matters.
 *
 * <p>Items belong to categories and carry a hidden style, an angle. Each user holds a few interests:
 * categories, each with a preferred style. A user sees candidates one after another; the chance of
 * a click depends only on the part of the history that concerns the candidate: the mean cosine
 * between the candidate's style and the styles of the user's clicked items in the same category.
 * With no such items the chance is low. Sum pooling mixes the styles of all categories together;
 * attention can pick out the relevant ones, so DIN should beat the BaseModel here.
 *
 * <p>Output columns: {@code userId,itemId,category,timestamp,label}.
 */
public final class SyntheticLogGenerator {

    /** Most recent clicks the click model looks at, like a served history. */
    private static final int MEMORY = 50;

    private static final int WARM_UP_CLICKS = 5;

    private final GeneratorConfig config;

    public SyntheticLogGenerator(GeneratorConfig config) {
        this.config = config;
    }

    /**
     * Sizes and seed of a generated log.
     *
     * @param users number of users
     * @param categories number of categories
     * @param itemsPerCategory items in each category
     * @param eventsPerUser impressions per user after the warm-up clicks
     * @param interestsPerUser categories a user cares about
     * @param seed the random seed; the same seed writes the same file
     */
    public record GeneratorConfig(
            int users, int categories, int itemsPerCategory, int eventsPerUser, int interestsPerUser, long seed) {

        public GeneratorConfig {
            if (users < 1 || categories < 1 || itemsPerCategory < 1 || eventsPerUser < 1) {
                throw new IllegalArgumentException("users, categories, items per category and events must be positive");
            }
            if (interestsPerUser < 1 || interestsPerUser > categories) {
                throw new IllegalArgumentException("interests per user must be between 1 and the number of categories");
            }
        }

        public static GeneratorConfig defaults(long seed) {
            return new GeneratorConfig(2000, 20, 50, 60, 3, seed);
        }
    }

    /** Writes the log and returns the number of events written. */
    public long write(Path file) throws IOException {
        Random random = new Random(config.seed());
        int items = config.categories() * config.itemsPerCategory();
        double[] style = new double[items];
        for (int i = 0; i < items; i++) {
            style[i] = random.nextDouble() * 2 * Math.PI;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("userId,itemId,category,timestamp,label\n");
            for (int u = 0; u < config.users(); u++) {
                written += writeUser(out, u, style, random);
            }
        }
        return written;
    }

    private long writeUser(BufferedWriter out, int user, double[] style, Random random) throws IOException {
        int[] interests = new int[config.interestsPerUser()];
        double[] preferred = new double[interests.length];
        double[] weight = new double[interests.length];
        List<Integer> pool = new ArrayList<>();
        for (int c = 0; c < config.categories(); c++) {
            pool.add(c);
        }
        java.util.Collections.shuffle(pool, random);
        double total = 0;
        for (int k = 0; k < interests.length; k++) {
            interests[k] = pool.get(k);
            preferred[k] = random.nextDouble() * 2 * Math.PI;
            weight[k] = 0.2 + random.nextDouble();
            total += weight[k];
        }
        List<Integer> clicks = new ArrayList<>();
        long time = 1_500_000_000L + random.nextInt(1_000_000);
        long written = 0;
        for (int k = 0; k < WARM_UP_CLICKS; k++) {
            int interest = pickInterest(weight, total, random);
            int item = closestOfSome(interests[interest], preferred[interest], style, random);
            clicks.add(item);
            written += line(out, user, item, time, 1);
            time += 60 + random.nextInt(3600);
        }
        for (int e = 0; e < config.eventsPerUser(); e++) {
            int category = random.nextDouble() < 0.7
                    ? interests[pickInterest(weight, total, random)]
                    : random.nextInt(config.categories());
            int item = category * config.itemsPerCategory() + random.nextInt(config.itemsPerCategory());
            boolean click = random.nextDouble() < clickProbability(item, clicks, style);
            written += line(out, user, item, time, click ? 1 : 0);
            if (click) {
                clicks.add(item);
            }
            time += 60 + random.nextInt(3600);
        }
        return written;
    }

    /** Depends only on the recent clicks in the candidate's category. */
    private double clickProbability(int item, List<Integer> clicks, double[] style) {
        int category = item / config.itemsPerCategory();
        double sum = 0;
        int n = 0;
        for (int i = Math.max(0, clicks.size() - MEMORY); i < clicks.size(); i++) {
            int h = clicks.get(i);
            if (h / config.itemsPerCategory() == category) {
                sum += Math.cos(style[item] - style[h]);
                n++;
            }
        }
        if (n == 0) {
            return 0.05;
        }
        return 1 / (1 + Math.exp(-(4 * sum / n - 1)));
    }

    private int pickInterest(double[] weight, double total, Random random) {
        double r = random.nextDouble() * total;
        for (int k = 0; k < weight.length; k++) {
            r -= weight[k];
            if (r <= 0) {
                return k;
            }
        }
        return weight.length - 1;
    }

    private int closestOfSome(int category, double angle, double[] style, Random random) {
        int best = -1;
        double bestCos = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 5; k++) {
            int item = category * config.itemsPerCategory() + random.nextInt(config.itemsPerCategory());
            double cos = Math.cos(style[item] - angle);
            if (cos > bestCos) {
                bestCos = cos;
                best = item;
            }
        }
        return best;
    }

    private int line(BufferedWriter out, int user, int item, long time, int label) throws IOException {
        out.write(
                "u" + user + ",i" + item + ",c" + (item / config.itemsPerCategory()) + "," + time + "," + label + "\n");
        return 1;
    }
}

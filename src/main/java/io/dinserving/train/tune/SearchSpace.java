package io.dinserving.train.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings a search varies, each with its candidate values.
 *
 * @param dimensions setting name to its values, in the order declared
 */
public record SearchSpace(Map<String, List<String>> dimensions) {

    /** The setting that varies the history length, which changes the samples rather than the model. */
    public static final String MAX_LENGTH = "max-len";

    /** Settings a search may vary: the model options of `train`, and the history length. */
    public static final Set<String> SEARCHABLE = Set.of(
            "variant",
            "weight-normalization",
            "activation",
            "dropout",
            "batch-norm",
            "weight-decay",
            "embedding-l2",
            "lr",
            "lr-schedule",
            "epochs",
            "patience",
            "early-stopping",
            "batch-size",
            "embedding-dim",
            "attention-hidden",
            "top-hidden",
            MAX_LENGTH);

    /** How the points are drawn from the space. */
    public enum Search {
        /** Every combination. */
        GRID,
        /** A seeded draw of distinct combinations. */
        RANDOM
    }

    /** Parses {@code name=v1|v2} declarations, refusing names the search cannot vary. */
    public static SearchSpace parse(List<String> declarations) {
        Map<String, List<String>> dimensions = new LinkedHashMap<>();
        for (String declaration : declarations) {
            String[] parts = declaration.split("=", 2);
            String name = parts[0].trim().replaceFirst("^--", "");
            if (parts.length != 2 || parts[1].isBlank()) {
                throw new IllegalArgumentException("--space '" + declaration + "' must read NAME=V1|V2");
            }
            if (!SEARCHABLE.contains(name)) {
                throw new IllegalArgumentException(
                        "--space cannot vary '" + name + "'; it can vary " + new TreeSet<>(SEARCHABLE));
            }
            List<String> values = new ArrayList<>();
            for (String v : parts[1].split("\\|")) {
                values.add(v.trim());
            }
            if (dimensions.put(name, values) != null) {
                throw new IllegalArgumentException("--space names '" + name + "' twice");
            }
        }
        return new SearchSpace(dimensions);
    }

    /**
     * Every combination for a grid, refused when there are more than {@code budget}; a draw of
     * {@code budget} distinct ones, seeded, for random search.
     */
    public List<Point> points(Search search, int budget, long seed) {
        List<Point> grid = grid();
        return switch (search) {
            case GRID -> {
                if (grid.size() > budget) {
                    throw new IllegalArgumentException("the grid has " + grid.size() + " points and --budget is "
                            + budget + "; raise --budget or use --search random");
                }
                yield grid;
            }
            case RANDOM -> {
                Random random = new Random(seed);
                Set<Point> drawn = new LinkedHashSet<>();
                while (drawn.size() < Math.min(budget, grid.size())) {
                    drawn.add(grid.get(random.nextInt(grid.size())));
                }
                yield new ArrayList<>(drawn);
            }
        };
    }

    private List<Point> grid() {
        List<Point> grid = new ArrayList<>();
        grid.add(new Point(Map.of()));
        for (Map.Entry<String, List<String>> d : dimensions.entrySet()) {
            List<Point> next = new ArrayList<>();
            for (Point p : grid) {
                for (String value : d.getValue()) {
                    Map<String, String> settings = new LinkedHashMap<>(p.settings());
                    settings.put(d.getKey(), value);
                    next.add(new Point(settings));
                }
            }
            grid = next;
        }
        return grid;
    }
}

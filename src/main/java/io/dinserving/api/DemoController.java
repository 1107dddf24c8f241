package io.dinserving.api;

import io.dinserving.serving.ModelRegistry;
import io.dinserving.serving.ServedVersion;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the demo page at {@code /} starts from: the served version, and example users built from
 * its catalogue, so the page works with any bundle.
 */
@Hidden // not part of the API clients program against
@RestController
class DemoController {

    private static final int EXAMPLES = 5;
    private static final int BEHAVIOURS = 12;
    private static final int CANDIDATES = 10;
    private static final int MAX_MATCHES = 50;

    private final ModelRegistry registry;

    DemoController(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * A served version's example users. Where the items have an attribute (a category, a genre),
     * each example likes one value of it: its behaviours share that value, and half its candidates
     * do while half do not, so the ranking and the attention weights have something to show.
     */
    @GetMapping("/demo/examples")
    DemoExamples examples() {
        ServedVersion model = registry.servedModels().get(0);
        List<String> items = catalogue(model);
        List<String> attributes = model.encoder().spec().attributeNames();
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        if (!attributes.isEmpty()) {
            Map<String, String> values =
                    model.manifest().features().catalogue().values().get(attributes.get(0));
            if (values != null) {
                for (String item : items) {
                    String value = values.get(item);
                    if (value != null) {
                        byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(item);
                    }
                }
            }
        }
        byValue.values().removeIf(group -> group.size() < BEHAVIOURS + CANDIDATES / 2);
        Random random = new Random(7);
        List<DemoExamples.Example> examples = new ArrayList<>();
        List<String> values = new ArrayList<>(byValue.keySet());
        for (int e = 0; e < EXAMPLES; e++) {
            List<String> liked = values.isEmpty() ? items : byValue.get(values.get(e % values.size()));
            List<String> behaviours = pick(liked, BEHAVIOURS, random, List.of());
            List<String> candidates = new ArrayList<>(pick(liked, CANDIDATES / 2, random, behaviours));
            candidates.addAll(pick(items, CANDIDATES - candidates.size(), random, candidates));
            java.util.Collections.shuffle(candidates, random);
            String label = values.isEmpty()
                    ? "user " + (e + 1)
                    : "likes " + attributes.get(0) + " " + values.get(e % values.size());
            examples.add(new DemoExamples.Example(label, named(model, behaviours), named(model, candidates)));
        }
        String variant = model.architecture() == null
                ? "torchscript"
                : model.architecture().variant().label();
        boolean named = items.stream().anyMatch(item -> model.itemName(item) != null);
        return new DemoExamples(model.version(), variant, attributes, model.canExplain(), named, examples);
    }

    /**
     * The served version's items whose id starts with, or whose display name contains, the query
     * (ignoring case), ids first: what the page's search offers to add to a box.
     */
    @GetMapping("/demo/items")
    List<DemoExamples.NamedItem> items(
            @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "20") int limit) {
        ServedVersion model = registry.servedModels().get(0);
        String query = q.strip().toLowerCase(Locale.ROOT);
        int most = Math.max(1, Math.min(limit, MAX_MATCHES));
        List<DemoExamples.NamedItem> byId = new ArrayList<>();
        List<DemoExamples.NamedItem> byName = new ArrayList<>();
        for (String item : catalogue(model)) {
            String name = model.itemName(item);
            if (item.toLowerCase(Locale.ROOT).startsWith(query)) {
                byId.add(new DemoExamples.NamedItem(item, name));
            } else if (name != null && name.toLowerCase(Locale.ROOT).contains(query)) {
                byName.add(new DemoExamples.NamedItem(item, name));
            }
            if (byId.size() >= most) {
                break;
            }
        }
        byId.addAll(byName);
        return byId.subList(0, Math.min(most, byId.size()));
    }

    private static List<String> catalogue(ServedVersion model) {
        return model.manifest()
                .features()
                .vocabularies()
                .get(model.encoder().spec().item().vocabulary())
                .tokens();
    }

    private static List<String> pick(List<String> from, int n, Random random, List<String> except) {
        List<String> out = new ArrayList<>();
        for (int tries = 0; out.size() < n && tries < 50 * n; tries++) {
            String item = from.get(random.nextInt(from.size()));
            if (!out.contains(item) && !except.contains(item)) {
                out.add(item);
            }
        }
        return out;
    }

    private static List<DemoExamples.NamedItem> named(ServedVersion model, List<String> ids) {
        return ids.stream()
                .map(id -> new DemoExamples.NamedItem(id, model.itemName(id)))
                .toList();
    }

    /**
     * The demo page's starting points.
     *
     * @param modelVersion the version the examples come from
     * @param variant its variant
     * @param attributes its item attribute names
     * @param explainable whether it can show attention weights (an imported module cannot)
     * @param named whether its items have display names
     * @param examples example users: behaviours oldest first, and candidates to rank
     */
    record DemoExamples(
            String modelVersion,
            String variant,
            List<String> attributes,
            boolean explainable,
            boolean named,
            List<Example> examples) {

        record Example(String label, List<NamedItem> behaviors, List<NamedItem> candidates) {}

        record NamedItem(String itemId, String name) {}
    }
}

package io.dinserving;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package map, held: {@code api → serving → bundle → nn → feature}, beside {@code batching},
 * {@code ranking}, {@code cache} and {@code metrics}; {@code users} keeps what the service knows of each
 * user, which {@code events} writes; {@code train} reuses {@code feature}, {@code
 * nn} and {@code bundle}, and only its command line reaches into {@code serving} (to benchmark the
 * batch scorer). An import against the map fails the build.
 */
class ArchitectureTest {

    private static final String ROOT = "io.dinserving";

    /** Each package and the project packages it may use, besides its own subpackages. */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put(
                "api",
                Set.of(
                        "serving",
                        "bundle",
                        "nn",
                        "feature",
                        "batching",
                        "ranking",
                        "cache",
                        "metrics",
                        "users",
                        "events",
                        "impressions"));
        MAY_USE.put("serving", Set.of("bundle", "nn", "feature", "batching"));
        MAY_USE.put("bundle", Set.of("nn", "feature"));
        MAY_USE.put("nn", Set.of("feature"));
        MAY_USE.put("feature", Set.of());
        MAY_USE.put("batching", Set.of());
        MAY_USE.put("ranking", Set.of());
        MAY_USE.put("cache", Set.of("feature", "ranking"));
        MAY_USE.put("metrics", Set.of("serving", "batching", "cache", "ranking", "feature"));
        MAY_USE.put("users", Set.of());
        MAY_USE.put("impressions", Set.of());
        MAY_USE.put("events", Set.of("users", "serving", "feature"));
        MAY_USE.put("train", Set.of("bundle", "nn", "feature", "impressions"));
        MAY_USE.put("train.gate", Set.of("train", "bundle", "nn", "feature", "serving"));
        MAY_USE.put("train.cli", Set.of("train", "train.gate", "bundle", "nn", "feature", "serving", "impressions"));
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    static List<String> packages() {
        return List.copyOf(MAY_USE.keySet());
    }

    /** A package uses only what the map allows it; a subpackage may use its parent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void aPackageUsesOnlyWhatTheMapAllows(String name) {
        Set<String> forbidden = new TreeSet<>();
        for (String other : MAY_USE.keySet()) {
            boolean allowed = other.equals(name) || MAY_USE.get(name).contains(other) || name.startsWith(other + ".");
            if (!allowed) {
                forbidden.add(ROOT + "." + other + "..");
            }
        }
        noClasses()
                .that()
                .resideInAnyPackage(packagesOf(name))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden.toArray(String[]::new))
                .because("the package map (README, Architecture) allows " + name + " only " + MAY_USE.get(name))
                .check(classes);
    }

    /** A package with its subpackages, less those the map lists on their own (train.cli of train). */
    private static String[] packagesOf(String name) {
        if (name.equals("train")) {
            return new String[] {ROOT + ".train", ROOT + ".train.io..", ROOT + ".train.tune.."};
        }
        return new String[] {ROOT + "." + name + ".."};
    }

    @Test
    void thePackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}

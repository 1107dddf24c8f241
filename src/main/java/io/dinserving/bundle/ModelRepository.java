package io.dinserving.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where bundles are found: one bundle directory, or a repository in TensorFlow Serving's layout, a
 * directory whose children named by a number ({@code 1/}, {@code 17/}) are bundles.
 */
public final class ModelRepository {

    private static final Logger log = LoggerFactory.getLogger(ModelRepository.class);

    /** A version directory's name: a number without leading zeros, so that {@code 007} never shadows {@code 7}. */
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    /** The highest version number: 18 digits, so that every version fits a long. */
    static final long MAX_VERSION = 999_999_999_999_999_999L;

    private final Path root;
    private final boolean linksMayLeave;
    /** Entries already logged as ignored, so each is said once, not on every poll. */
    private final Set<String> ignored = ConcurrentHashMap.newKeySet();

    /** A repository whose version directories may not be links to outside it. */
    public ModelRepository(Path root) {
        this(root, false);
    }

    /** @param linksMayLeave whether a version directory may be a symbolic link to outside the repository */
    public ModelRepository(Path root, boolean linksMayLeave) {
        this.root = root;
        this.linksMayLeave = linksMayLeave;
    }

    public Path root() {
        return root;
    }

    /** Whether the path is one bundle rather than a repository. */
    public boolean isSingleBundle() {
        return Files.isRegularFile(root.resolve(ModelBundle.MANIFEST));
    }

    /**
     * The bundle directories found now: the path itself for a single bundle (its version is then
     * null, to be taken from its manifest), else every version directory, lowest first.
     *
     * @throws BundleException if the path is not a directory
     */
    public List<BundleDirectory> scan() {
        if (!Files.isDirectory(root)) {
            throw new BundleException("model path " + root.toAbsolutePath() + " is not a directory");
        }
        if (isSingleBundle()) {
            return List.of(new BundleDirectory(null, root, fingerprint(root)));
        }
        List<BundleDirectory> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory)
                    .filter(this::isVersion)
                    .sorted(Comparator.comparingLong(
                            p -> Long.parseLong(p.getFileName().toString())))
                    .forEach(p -> found.add(new BundleDirectory(
                            String.valueOf(Long.parseLong(p.getFileName().toString())), p, fingerprint(p))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** Writes a bundle into a directory it is given, and returns what it made. */
    @FunctionalInterface
    public interface BundleWriter<T> {
        T write(Path directory) throws Exception;
    }

    /** A bundle published as a version, and what writing it returned. */
    public record Published<T>(Path directory, T written) {}

    /**
     * Writes a bundle into a temporary directory inside the repository, then publishes it as the
     * next version. A write or a publish that fails leaves nothing behind in the repository.
     */
    public <T> Published<T> publish(BundleWriter<T> writer) throws Exception {
        Files.createDirectories(root);
        Path staged = Files.createTempDirectory(root, ".training-");
        try {
            T written = writer.write(staged);
            return new Published<>(publish(staged), written);
        } catch (Exception | Error e) {
            deleteQuietly(staged);
            throw e;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the temporary directory's name starts with a dot, so a scan never takes it for a version
        }
    }

    /**
     * Moves a finished bundle into the repository as its next version in one atomic rename, so a
     * polling server never sees it half-written. The staged directory must be on the repository's
     * file system, e.g. a temporary directory inside it.
     *
     * @return the version directory it became
     */
    public Path publish(Path staged) throws IOException {
        Files.createDirectories(root);
        for (int attempt = 0; attempt < 100; attempt++) {
            Path target = root.resolve(String.valueOf(nextVersion()));
            try {
                return Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another publisher took this number first: take the next one
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "cannot rename " + staged + " to " + target
                                + " atomically; stage the bundle inside the repository",
                        e);
            } catch (IOException e) {
                if (!Files.exists(target)) {
                    throw e;
                }
            }
        }
        throw new IOException("could not find a free version number in " + root);
    }

    /**
     * One above the highest version present, 1 in an empty repository.
     *
     * @throws IOException when the highest is the last number a version may have
     */
    public long nextVersion() throws IOException {
        long highest = 0;
        for (BundleDirectory d : scan()) {
            highest = Math.max(highest, Long.parseLong(d.version()));
        }
        if (highest >= MAX_VERSION) {
            throw new IOException("the version numbers of " + root + " have run out at " + highest
                    + " (a version has at most 18 digits); move the high versions out and publish again");
        }
        return highest + 1;
    }

    /** Whether a child directory is a version; one that looks like a version and is not is logged once. */
    private boolean isVersion(Path child) {
        String name = child.getFileName().toString();
        String reason;
        if (VERSION.matcher(name).matches()) {
            if (!Files.isSymbolicLink(child) || linksMayLeave || insideRoot(child)) {
                return true;
            }
            reason = "it is a link to outside the repository (din.model.allow-links-outside=true allows that)";
        } else if (name.matches("[0-9-]+")) {
            reason = "a version is a number from 1 to 18 digits without leading zeros";
        } else {
            return false; // other directories, publishers' staging ones included, are simply not versions
        }
        if (ignored.add(name)) {
            log.warn("Ignoring {} in {}: {}", name, root, reason);
        }
        return false;
    }

    private boolean insideRoot(Path link) {
        try {
            return link.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What a bundle directory's files look like now (names, sizes, modification times): a bundle
     * that failed to load is tried again only once this changes, e.g. when its copy completes.
     */
    static String fingerprint(Path dir) {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                if (Files.isRegularFile(f)) {
                    out.append(f.getFileName())
                            .append(':')
                            .append(Files.size(f))
                            .append(':')
                            .append(Files.getLastModifiedTime(f).toMillis())
                            .append(';');
                }
            }
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
        return out.toString();
    }

    /**
     * A bundle directory as found by a scan.
     *
     * @param version the directory's version number, or null for a single bundle
     * @param path the directory
     * @param fingerprint its files' names, sizes and modification times
     */
    public record BundleDirectory(String version, Path path, String fingerprint) {}
}

package io.dinserving.users;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded store on disk: gzipped JSON Lines, one user per line, least recently used first, so a
 * restore rebuilds the same recency order. Written to a temporary file and moved into place, so a
 * crash mid-write leaves the previous snapshot whole.
 */
public final class UserSnapshot {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    public UserSnapshot(Path file) {
        this.file = file;
    }

    /** One line of the file. */
    record Line(String userId, List<Behaviour> behaviours, Map<String, Object> profile) {}

    /** @return how many users were written */
    public long write(InMemoryUserStore store) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
        long[] written = {0};
        try (BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(partial)), StandardCharsets.UTF_8))) {
            store.forEach((userId, state) -> {
                try {
                    out.write(JSON.writeValueAsString(new Line(userId, state.behaviours(), state.profile())));
                    out.newLine();
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(partial);
            throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written[0];
    }

    /**
     * Puts the snapshot's users into the store; none when there is no snapshot yet.
     *
     * @return how many users were read
     * @throws IOException naming the file and line of a line that cannot be read
     */
    public long restore(InMemoryUserStore store) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long read = 0;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                Line line;
                try {
                    line = JSON.readValue(text, Line.class);
                } catch (JacksonException e) {
                    throw new IOException(file + " line " + (read + 1) + ": " + e.getOriginalMessage(), e);
                }
                List<Behaviour> latest = UserHistory.insert(
                                List.of(),
                                line.behaviours() == null ? List.of() : line.behaviours(),
                                store.maxBehaviours())
                        .behaviours();
                store.restore(line.userId(), new UserState(latest, line.profile() == null ? Map.of() : line.profile()));
                read++;
            }
        }
        return read;
    }

    public Path file() {
        return file;
    }
}

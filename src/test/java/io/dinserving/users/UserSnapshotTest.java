package io.dinserving.users;

import static io.dinserving.users.UserHistoryTest.at;
import static io.dinserving.users.UserHistoryTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void aRestoredStoreHoldsTheSameUsersInTheSameRecencyOrder() throws Exception {
        InMemoryUserStore store = new InMemoryUserStore(10, 1 << 20);
        store.append("u1", List.of(new Behaviour("e1", "a", 10L, "click", Map.of("category", "c3")), at("b", 20)));
        store.updateProfile("u1", Map.of("gender", "F", "age", 31));
        store.append("u2", List.of(event("e9", "z", 5)));
        store.append("u3", List.of(at("y", 7)));
        store.find("u1"); // least recently used: u2, then u3, then u1
        UserSnapshot snapshot = new UserSnapshot(dir.resolve("users.jsonl.gz"));

        assertThat(snapshot.write(store)).isEqualTo(3);
        InMemoryUserStore restored = new InMemoryUserStore(10, store.bytes());
        assertThat(snapshot.restore(restored)).isEqualTo(3);

        assertThat(restored.find("u1")).isEqualTo(store.find("u1"));
        assertThat(restored.find("u1").orElseThrow().profile()).containsEntry("age", 31);
        assertThat(restored.bytes()).isEqualTo(store.bytes());
        // Recency survived: one more user pushes out u2, the least recently used before the snapshot.
        restored.append("u4", List.of(at("x", 1)));
        assertThat(restored.find("u2")).isEmpty();
        assertThat(restored.find("u3")).isPresent();
    }

    @Test
    void noSnapshotYetRestoresNothing() throws Exception {
        InMemoryUserStore store = new InMemoryUserStore(10, 1 << 20);

        assertThat(new UserSnapshot(dir.resolve("absent.jsonl.gz")).restore(store))
                .isZero();
        assertThat(store.users()).isZero();
    }

    @Test
    void aDamagedLineIsNamedByFileAndLine() throws Exception {
        Path file = dir.resolve("users.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"userId\":\"u1\",\"behaviours\":[],\"profile\":{}}\n{\"userId\":\n"
                    .getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> new UserSnapshot(file).restore(new InMemoryUserStore(10, 1 << 20)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file + " line 2");
    }

    @Test
    void aRestoreKeepsOnlyAsManyBehavioursAsTheStoreNowKeeps() throws Exception {
        InMemoryUserStore store = new InMemoryUserStore(10, 1 << 20);
        store.append("u1", List.of(at("a", 1), at("b", 2), at("c", 3)));
        UserSnapshot snapshot = new UserSnapshot(dir.resolve("users.jsonl.gz"));
        snapshot.write(store);

        InMemoryUserStore smaller = new InMemoryUserStore(2, 1 << 20);
        snapshot.restore(smaller);

        assertThat(UserHistoryTest.items(smaller.find("u1").orElseThrow().behaviours()))
                .containsExactly("b", "c");
    }
}

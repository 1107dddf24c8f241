import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Writes the bodies scripts/bench-users.sh sends, run as a source file:
 *
 * <pre>
 *   java scripts/bench/UserBodies.java DIR USERS BEHAVIOURS CANDIDATES
 * </pre>
 *
 * <ul>
 *   <li>{@code preload-N.json}: POST /events batches giving every user BEHAVIOURS events;
 *   <li>{@code history.txt}: one /recommend body per user, its userId with that same history sent;
 *   <li>{@code userid.txt}: the same requests with the userId alone;
 *   <li>{@code ingest.txt}: POST /events batches of 100 new events for random users.
 * </ul>
 *
 * Items are "i0".."i999", the default bundle's.
 */
public final class UserBodies {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int users = Integer.parseInt(args[1]);
        int behaviours = Integer.parseInt(args[2]);
        int candidates = Integer.parseInt(args[3]);
        Files.createDirectories(dir);
        Random random = new Random(7);
        int perBatch = Math.max(1, 1000 / behaviours);
        try (PrintWriter history = new PrintWriter(Files.newBufferedWriter(dir.resolve("history.txt")));
                PrintWriter userId = new PrintWriter(Files.newBufferedWriter(dir.resolve("userid.txt")))) {
            StringJoiner batch = null;
            for (int u = 0; u < users; u++) {
                if (u % perBatch == 0) {
                    if (batch != null) {
                        Files.writeString(dir.resolve("preload-" + (u / perBatch - 1) + ".json"), "{\"events\":" + batch + "}");
                    }
                    batch = new StringJoiner(",", "[", "]");
                }
                StringJoiner sent = new StringJoiner(",", "[", "]");
                for (int b = 0; b < behaviours; b++) {
                    String item = "i" + random.nextInt(1000);
                    sent.add('"' + item + '"');
                    batch.add("{\"eventId\":\"u" + u + "-" + b + "\",\"userId\":\"u" + u + "\",\"itemId\":\"" + item
                            + "\",\"timestamp\":" + (1_700_000_000_000L + b * 1000L) + "}");
                }
                StringJoiner ranked = new StringJoiner(",", "[", "]");
                for (int c = 0; c < candidates; c++) {
                    ranked.add("\"i" + random.nextInt(1000) + '"');
                }
                history.println("{\"userId\":\"u" + u + "\",\"behaviors\":" + sent + ",\"candidates\":" + ranked + "}");
                userId.println("{\"userId\":\"u" + u + "\",\"candidates\":" + ranked + "}");
            }
            Files.writeString(dir.resolve("preload-" + ((users - 1) / perBatch) + ".json"), "{\"events\":" + batch + "}");
        }
        try (PrintWriter ingest = new PrintWriter(Files.newBufferedWriter(dir.resolve("ingest.txt")))) {
            long time = 1_800_000_000_000L;
            for (int n = 0; n < 2000; n++) {
                StringJoiner events = new StringJoiner(",", "[", "]");
                for (int e = 0; e < 100; e++) {
                    events.add("{\"userId\":\"u" + random.nextInt(users) + "\",\"itemId\":\"i" + random.nextInt(1000)
                            + "\",\"timestamp\":" + (time++) + ",\"type\":\"click\"}");
                }
                ingest.println("{\"events\":" + events + "}");
            }
        }
    }
}

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A load client for POST /recommend that tells every request's fate apart, which wrk cannot: an
 * answer by status, a refused connection (nothing was sent), or a request that was sent and never
 * answered. Run it as a source file, no build needed:
 *
 * <pre>
 *   java scripts/bench/LoadClient.java URL [--rate R] [--connections N] [--seconds S] [--report S]
 *        [--behaviours B] [--candidates C] [--removed-when FILE]
 * </pre>
 *
 * <p>N kept-alive connections (default 64), each a thread with a blocking socket, so the client
 * costs little CPU beside the server it drives. Without {@code --rate} they post back to back
 * (closed loop), which measures capacity. With {@code --rate} requests are due on a fixed schedule,
 * R a second, whether or not earlier ones were answered (open loop), and a request's latency counts
 * from when it was due: time spent waiting for a free connection is the server's slowness too, as
 * in wrk2. Requests still due at the end were never sent and are counted so.
 *
 * <p>With {@code --removed-when}, once FILE exists no new connection is opened, as a load balancer
 * stops opening them to a pod whose endpoint was removed: a connection the server closes is then
 * not replaced, and connections already open carry on.
 *
 * <p>Bodies are eight random rankings of B behaviours and C candidates over the default bundle's
 * items "i0".."i999", like scripts/bench/recommend.lua. Every {@code --report} seconds one line;
 * at the end one {@code RESULT} line with the totals.
 */
public final class LoadClient {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        long seconds = Long.parseLong(options.getOrDefault("seconds", "60"));
        long report = Long.parseLong(options.getOrDefault("report", "60"));
        List<byte[]> requests = requests(
                uri,
                Integer.parseInt(options.getOrDefault("behaviours", "50")),
                Integer.parseInt(options.getOrDefault("candidates", "100")));

        Path removedWhen = options.containsKey("removed-when") ? Path.of(options.get("removed-when")) : null;
        Run run = new Run(uri, rate, requests, removedWhen, System.nanoTime(), TimeUnit.SECONDS.toNanos(seconds));
        System.out.printf(
                Locale.ROOT,
                "load: %s, %d connections, %s, %d s%n",
                uri,
                connections,
                rate > 0 ? String.format(Locale.ROOT, "open loop at %.0f requests/s", rate) : "closed loop",
                seconds);
        System.out.println(Tally.HEADER);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(run::connection, "connection-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (long at = report; at <= seconds; at += report) {
            LockSupport.parkNanos(run.start + TimeUnit.SECONDS.toNanos(at) - System.nanoTime());
            System.out.println(run.nextInterval().line(at, report));
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(35)); // the last answers, or their timeout
        }
        if (rate > 0) {
            long due = (long) (rate * seconds);
            run.total.notSent = Math.max(0, due - run.total.recorded());
        }
        System.out.println("RESULT " + run.total.summary(seconds));
    }

    /** The shared schedule and tallies of one run. */
    private static final class Run {
        final URI uri;
        final double rate;
        final List<byte[]> requests;
        final Path removedWhen;
        final long start;
        final long end;
        final AtomicLong taken = new AtomicLong();
        final Tally total = new Tally();
        Tally interval = new Tally();

        Run(URI uri, double rate, List<byte[]> requests, Path removedWhen, long start, long duration) {
            this.uri = uri;
            this.rate = rate;
            this.requests = requests;
            this.removedWhen = removedWhen;
            this.start = start;
            this.end = start + duration;
        }

        synchronized Tally nextInterval() {
            Tally finished = interval;
            interval = new Tally();
            return finished;
        }

        synchronized void record(int status, Outcome outcome, double millis, String failure) {
            total.record(status, outcome, millis, failure);
            interval.record(status, outcome, millis, failure);
        }

        /** One kept-alive connection: take the next request, send it, read the answer, repeat. */
        void connection() {
            Socket socket = null;
            InputStream in = null;
            while (true) {
                long n = taken.getAndIncrement();
                long due = rate > 0 ? start + (long) (n * 1e9 / rate) : System.nanoTime();
                if (due >= end || System.nanoTime() >= end) {
                    break; // what a server fell behind on is counted as not sent, not sent late
                }
                LockSupport.parkNanos(due - System.nanoTime());
                boolean sent = false;
                try {
                    if (socket == null && removedWhen != null && Files.exists(removedWhen)) {
                        break; // the endpoint is gone: this connection's requests go elsewhere
                    }
                    if (socket == null) {
                        socket = new Socket();
                        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                        socket.setSoTimeout(30_000);
                        socket.setTcpNoDelay(true);
                        in = new BufferedInputStream(socket.getInputStream(), 16384);
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(requests.get((int) (n % requests.size())));
                    out.flush();
                    sent = true;
                    Response response = Response.read(in);
                    record(response.status, Outcome.ANSWERED, (System.nanoTime() - due) / 1e6, null);
                    if (response.close) {
                        socket.close();
                        socket = null;
                    }
                } catch (IOException e) {
                    close(socket);
                    socket = null;
                    if (!sent && e instanceof ConnectException) {
                        record(0, Outcome.REFUSED, 0, null);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // nothing listens: do not spin
                    } else {
                        record(0, Outcome.UNANSWERED, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            }
            close(socket);
        }
    }

    enum Outcome {
        ANSWERED,
        REFUSED,
        UNANSWERED
    }

    /** The status of an HTTP/1.1 response, read whole so the connection can carry the next request. */
    record Response(int status, boolean close) {

        /** @param in the connection's buffered stream, positioned at the start of an answer */
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the connection closed before an answer");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = 0;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                    skip(in, size);
                    line(in);
                }
                line(in);
            } else {
                skip(in, length);
            }
            return new Response(status, close);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return line.length() == 0 ? null : line.toString();
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private static void skip(InputStream in, long bytes) throws IOException {
            while (bytes > 0) {
                long skipped = in.skip(bytes);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("the connection closed inside an answer");
                    }
                    skipped = 1;
                }
                bytes -= skipped;
            }
        }
    }

    /** What happened to the requests of one span of time. */
    private static final class Tally {
        static final String HEADER = "time | answers/s | 2xx | 503 | 504 | other status | refused | unanswered"
                + " | 2xx p50/p99 ms | 503 p50/p99 ms";

        final Map<Integer, Integer> statuses = new TreeMap<>();
        final Latencies ok = new Latencies();
        final Latencies unavailable = new Latencies();
        long refused;
        long unanswered;
        long notSent;
        final List<String> failures = new ArrayList<>();

        void record(int status, Outcome outcome, double millis, String failure) {
            switch (outcome) {
                case REFUSED -> refused++;
                case UNANSWERED -> {
                    unanswered++;
                    if (failures.size() < 5) {
                        failures.add(failure);
                    }
                }
                case ANSWERED -> {
                    statuses.merge(status, 1, Integer::sum);
                    if (status / 100 == 2) {
                        ok.add(millis);
                    } else if (status == 503) {
                        unavailable.add(millis);
                    }
                }
            }
        }

        /** Requests with an outcome: answered, refused or unanswered. */
        long recorded() {
            return count(0, 1000) + refused + unanswered;
        }

        long count(int from, int to) {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= from && e.getKey() < to)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        String line(long at, long seconds) {
            long answered = count(0, 1000);
            long other = answered - count(200, 300) - count(503, 505);
            return String.format(
                    Locale.ROOT,
                    "%ds | %.1f | %d | %d | %d | %d | %d | %d | %s | %s",
                    at, answered / (double) seconds, count(200, 300), count(503, 504), count(504, 505), other,
                    refused, unanswered, ok, unavailable);
        }

        String summary(double seconds) {
            String codes = statuses.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            return String.format(
                    Locale.ROOT,
                    "answered/s=%.1f statuses=[%s] refused=%d unanswered=%d notSent=%d 2xx_ms=%s 503_ms=%s%s",
                    count(0, 1000) / seconds, codes, refused, unanswered, notSent, ok, unavailable,
                    failures.isEmpty() ? "" : " failures=" + failures);
        }
    }

    /** Latencies kept whole, so percentiles are exact. */
    private static final class Latencies {
        private double[] values = new double[1024];
        private int size;

        void add(double millis) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = millis;
        }

        @Override
        public String toString() {
            if (size == 0) {
                return "-";
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return String.format(
                    Locale.ROOT, "%.1f/%.1f", sorted[(int) (0.50 * (size - 1))], sorted[(int) (0.99 * (size - 1))]);
        }
    }

    /** Eight whole HTTP/1.1 requests, headers and body, ready to write. */
    private static List<byte[]> requests(URI uri, int behaviours, int candidates) {
        Random random = new Random(42);
        List<byte[]> requests = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            String history = random.ints(behaviours, 0, 1000).mapToObj(i -> "\"i" + i + "\"").collect(Collectors.joining(","));
            String ranked = random.ints(candidates, 0, 1000).mapToObj(i -> "\"i" + i + "\"").collect(Collectors.joining(","));
            byte[] body = ("{\"behaviors\":[" + history + "],\"candidates\":[" + ranked + "]}").getBytes(StandardCharsets.UTF_8);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
            System.arraycopy(body, 0, request, head.length(), body.length);
            requests.add(request);
        }
        return requests;
    }

    private static Map<String, String> options(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: LoadClient URL [--rate R] [--connections N] [--seconds S] ...");
        }
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }
}

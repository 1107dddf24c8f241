package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.DinServingApplication;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shutdown under 16 clients that each reuse one kept-alive connection, as a load balancer's pool
 * does: every request sent gets an answer, and every client is told to close its connection
 * ({@code Connection: close}) before the server stops taking requests, so none sends into a
 * connection that is going away.
 */
class ShutdownUnderKeptAliveClientsTest {

    static final int CLIENTS = 16;
    static final byte[] REQUEST = ("POST /recommend HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 40\r\n\r\n{\"behaviors\":[\"i1\"],\"candidates\":[\"i2\"]}")
            .getBytes(StandardCharsets.US_ASCII);

    /** What one client saw: answers by status, whether it was told to close, and requests left unanswered. */
    record Outcome(int ok, int other, boolean toldToClose, int unanswered, String firstProblem) {}

    @Test
    void everyRequestOnAKeptAliveConnectionIsAnsweredAndEveryClientIsToldToClose() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DinServingApplication.class)
                .run("--server.port=0", "--din.cache.enabled=false", "--din.api.shutdown-drain=2s");
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        AtomicBoolean shuttingDown = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            outcomes.add(clients.submit(() -> client(port, shuttingDown)));
        }
        Thread.sleep(1500); // every client has sent requests on its connection by now
        shuttingDown.set(true);
        app.close();

        int ok = 0;
        for (Future<Outcome> future : outcomes) {
            Outcome outcome = future.get(60, TimeUnit.SECONDS);
            assertThat(outcome.unanswered()).as(outcome.firstProblem()).isZero();
            assertThat(outcome.other()).as("answers other than 200").isZero();
            assertThat(outcome.toldToClose()).isTrue();
            ok += outcome.ok();
        }
        clients.shutdownNow();
        assertThat(ok).isGreaterThan(CLIENTS);
    }

    /**
     * Sends requests one after another on one connection until an answer says {@code Connection:
     * close}; a request whose connection ends without an answer counts as unanswered.
     */
    private static Outcome client(int port, AtomicBoolean shuttingDown) {
        int ok = 0;
        int other = 0;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (true) {
                try {
                    out.write(REQUEST);
                    out.flush();
                } catch (IOException refused) {
                    // nothing was delivered: the connection was closed before this request, not during it
                    return new Outcome(ok, other, false, 0, "closed before a request: " + refused);
                }
                String status = readLine(in);
                if (status == null) {
                    return new Outcome(ok, other, false, 1, "no answer, shutting down " + shuttingDown.get());
                }
                boolean close = false;
                long length = -1;
                boolean chunked = false;
                for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
                    String h = header.toLowerCase(Locale.ROOT);
                    close |= h.equals("connection: close");
                    chunked |= h.equals("transfer-encoding: chunked");
                    if (h.startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).trim());
                    }
                }
                readBody(in, length, chunked);
                if (status.startsWith("HTTP/1.1 200")) {
                    ok++;
                } else {
                    other++;
                }
                if (close) {
                    return new Outcome(ok, other, true, 0, null);
                }
            }
        } catch (IOException e) {
            return new Outcome(ok, other, false, 1, "connection failed mid-answer: " + e);
        }
    }

    private static void readBody(InputStream in, long length, boolean chunked) throws IOException {
        if (chunked) {
            for (String size = readLine(in); size != null; size = readLine(in)) {
                int n = Integer.parseInt(size.trim(), 16);
                in.readNBytes(n);
                readLine(in);
                if (n == 0) {
                    return;
                }
            }
        } else if (length > 0) {
            in.readNBytes((int) length);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}

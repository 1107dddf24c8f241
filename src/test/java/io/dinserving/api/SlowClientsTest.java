package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Clients that send their body a byte at a time hold connections, not the server's threads: with
 * more of them than threads, a normal request is still answered, and each slow one gets a 408 once
 * its body is later than {@code din.api.body-read-timeout}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=4", "din.api.body-read-timeout=4s", "din.cache.enabled=false"})
class SlowClientsTest extends ApiTestSupport {

    static final int SLOW_CLIENTS = 8;

    @Test
    void slowBodiesHoldNoThreadAndTimeOutWith408() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(SLOW_CLIENTS);
        try {
            List<Future<String>> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(clients.submit(this::trickle));
            }
            Thread.sleep(1000); // every slow client is connected and sending by now

            Reply normal = post(Map.of("candidates", List.of("i1", "i2")));

            assertThat(normal.status()).isEqualTo(200);
            for (Future<String> answer : slow) {
                assertThat(answer.get(60, TimeUnit.SECONDS))
                        .startsWith("HTTP/1.1 408")
                        .contains("\"field\":\"body\"")
                        .contains("did not arrive within 4000 ms");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Declares a 200-byte body and sends a byte of it every 300 ms; returns what the server answers. */
    private String trickle() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /recommend HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 200\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < 199; i++) {
                        Thread.sleep(300);
                        out.write(' ');
                        out.flush();
                    }
                } catch (Exception closed) {
                    // the server answered and closed the connection
                }
            });
            sender.setDaemon(true);
            sender.start();
            StringBuilder answer = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answer.append(line).append('\n');
                if (line.startsWith("{")) {
                    break;
                }
            }
            sender.interrupt();
            return answer.toString();
        }
    }
}

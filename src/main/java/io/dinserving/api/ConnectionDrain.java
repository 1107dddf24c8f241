package io.dinserving.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first step of shutting down: for {@code din.api.shutdown-drain}, every answer carries {@code
 * Connection: close}, so a client on a kept-alive connection gets its answer and then opens a new
 * connection (to another pod) instead of sending its next request into a connection the server is
 * about to close. Only then does the web server's graceful shutdown stop taking requests.
 */
class ConnectionDrain extends OncePerRequestFilter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionDrain.class);

    /** Before the web server's graceful shutdown (its phase is {@code DEFAULT_PHASE - 1024}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final Duration drain;
    private volatile boolean running;
    private volatile boolean draining;

    ConnectionDrain(Duration drain) {
        this.drain = drain;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (draining) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
    }

    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        if (!drain.isZero()) {
            log.info(
                    "Shutting down: answers carry Connection: close for {} ms before the server stops",
                    drain.toMillis());
            try {
                Thread.sleep(drain.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Whether answers now close their connection. */
    boolean isDraining() {
        return draining;
    }
}

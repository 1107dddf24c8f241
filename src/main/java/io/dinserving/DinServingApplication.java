package io.dinserving;

import io.dinserving.train.cli.DinCli;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves {@code POST /recommend}; with a command as its first argument ({@code train}, {@code
 * evaluate}, {@code prepare}, {@code help}, {@code --version}, …) it runs the CLI instead, without
 * the web server.
 */
@SpringBootApplication
public class DinServingApplication {

    public static void main(String[] args) {
        GlibcMalloc.tuneForTensors();
        CudaProbe.quietWithoutDriver();
        if (DinCli.isCommand(args)) {
            // Training is one stream of work, so it may use every core; the server (and the forward-pass
            // benchmark, which measures what a server worker does) scales by workers instead.
            boolean oneStream = !args[0].equals("bench");
            defaultProperty(
                    "ai.djl.pytorch.num_threads",
                    oneStream ? String.valueOf(Runtime.getRuntime().availableProcessors()) : "1");
            defaultProperty("ai.djl.pytorch.num_interop_threads", "1");
            defaultProperty("ai.djl.offline", "true");
            quietLibraryLogs();
            System.exit(DinCli.run(args));
        }
        // Read once when the engine starts, so they must be set before any DJL class loads.
        defaultProperty("ai.djl.pytorch.num_threads", "1");
        defaultProperty("ai.djl.pytorch.num_interop_threads", "1");
        defaultProperty("ai.djl.offline", "true");
        SpringApplication.run(DinServingApplication.class, args);
    }

    /**
     * A command prints what it does itself; the engine's start-up lines (platform, thread counts) are
     * noise there. {@code DIN_DEBUG} keeps them.
     */
    private static void quietLibraryLogs() {
        if (System.getenv("DIN_DEBUG") == null
                && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                        instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}

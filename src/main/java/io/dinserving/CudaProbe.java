package io.dinserving;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Keeps DJL quiet about CUDA on a machine without an NVIDIA driver. DJL asks the CUDA runtime for a
 * GPU count on every start, and on such a machine logs "CUDA driver version is insufficient" twice,
 * a warning about nothing the user can act on. Where a driver is present its warnings stay: there
 * they mean something.
 */
final class CudaProbe {

    static final String CUDA_LOGGER = "ai.djl.util.cuda.CudaUtils";

    private CudaProbe() {}

    static boolean hasNvidiaDriver() {
        return Files.exists(Path.of("/proc/driver/nvidia/version"));
    }

    /** Lowers DJL's CUDA logger to errors, for the CLI now and for Spring's logging once it starts. */
    static void quietWithoutDriver() {
        if (hasNvidiaDriver() || System.getProperty("logging.level." + CUDA_LOGGER) != null) {
            return;
        }
        System.setProperty("logging.level." + CUDA_LOGGER, "ERROR");
        if (LoggerFactory.getLogger(CUDA_LOGGER) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}

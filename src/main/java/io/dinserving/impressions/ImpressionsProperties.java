package io.dinserving.impressions;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The impression log.
 *
 * @param sampleRate the share of rankings logged, from 0 (the default: off) to 1
 * @param directory where the log files go (default {@code impressions}); a file being written ends
 *     in {@code .jsonl.part} and is renamed to {@code .jsonl} when it is complete
 * @param maxFileSize a file is completed at this size (default 64MB)
 * @param maxFileAge or at this age (default 1h), so a quiet service still completes its files
 * @param queueCapacity rankings waiting to be written (default 10000); past it they are dropped and
 *     counted, never waited for
 */
@ConfigurationProperties("din.impressions")
@Validated
public record ImpressionsProperties(
        @DecimalMin("0") @DecimalMax("1") Double sampleRate,
        Path directory,
        DataSize maxFileSize,
        Duration maxFileAge,
        @Positive Integer queueCapacity) {

    public ImpressionsProperties {
        sampleRate = sampleRate == null ? 0.0 : sampleRate;
        directory = directory == null ? Path.of("impressions") : directory;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(64) : maxFileSize;
        maxFileAge = maxFileAge == null ? Duration.ofHours(1) : maxFileAge;
        queueCapacity = queueCapacity == null ? 10_000 : queueCapacity;
    }
}

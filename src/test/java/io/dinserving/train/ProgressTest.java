package io.dinserving.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

    @Test
    void theTimeLeftCountsThisEpochsRestAndTheEpochsAfterIt() {
        // 500 of 1,000 samples done in epoch 2 of 4 at 100 samples/s: 500 + 2 x 1,000 samples left.
        assertThat(Progress.eta(2, 4, 500, 1000, 100)).isEqualTo("0:25");
        assertThat(Progress.eta(1, 10, 0, 100_000, 50)).isEqualTo("5:33:20");
        assertThat(Progress.eta(1, 1, 0, 10, 0)).isEqualTo("--:--");
    }

    /** A log file or CI job gets one line per epoch, no carriage returns and no bar. */
    @Test
    void outsideATerminalOnlyEpochLinesAreWritten() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = Progress.bar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (long done = 0; done <= 1000; done += 100) {
            progress.step(1, 2, done, 1000, 250, 0.5);
        }
        progress.epoch(new EpochStats(1, 0.4321, null, 250), true);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("epoch 1: train loss 0.4321, 250 samples/s (best)" + System.lineSeparator());
    }

    @Test
    void onATerminalTheBarShowsTheTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress.bar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true).step(1, 2, 1000, 1000, 250, 0.5);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .startsWith("\repoch 1/2 [")
                .contains("100%")
                .contains("ETA 0:04");
    }

    @Test
    void theChartIsDrawnWithTheKeptEpochEvenWithoutValidation(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("training.png");
        TrainingReport.chart(List.of(new EpochStats(1, 0.6, null, 100), new EpochStats(2, 0.5, null, 100)), 2, png);
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(400);
    }
}

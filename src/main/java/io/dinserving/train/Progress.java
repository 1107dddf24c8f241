package io.dinserving.train;

import java.io.PrintStream;

/** Reports training progress. */
public interface Progress {

    /** Called every few steps with the epoch's running numbers. */
    void step(int epoch, int epochs, long done, long total, double samplesPerSecond, double loss);

    /** Called when an epoch has been evaluated. */
    void epoch(EpochStats stats, boolean best);

    /** Reports nothing. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void step(int epoch, int epochs, long done, long total, double samplesPerSecond, double loss) {}

            @Override
            public void epoch(EpochStats stats, boolean best) {}
        };
    }

    /** A progress bar with samples/s and loss, redrawn in place. */
    static Progress bar(PrintStream out) {
        return new Progress() {
            private long lastDraw;

            @Override
            public void step(int epoch, int epochs, long done, long total, double samplesPerSecond, double loss) {
                long now = System.nanoTime();
                if (now - lastDraw < 250_000_000L && done < total) {
                    return;
                }
                lastDraw = now;
                int width = 30;
                int filled = (int) (width * done / Math.max(1, total));
                out.printf(
                        "\repoch %d/%d [%s%s] %3d%% %,8.0f samples/s loss %.4f",
                        epoch,
                        epochs,
                        "=".repeat(filled),
                        " ".repeat(width - filled),
                        100 * done / Math.max(1, total),
                        samplesPerSecond,
                        loss);
                out.flush();
            }

            @Override
            public void epoch(EpochStats stats, boolean best) {
                out.printf(
                        "\repoch %d: train loss %.4f, %,.0f samples/s%s%s%n",
                        stats.epoch(),
                        stats.trainLoss(),
                        stats.samplesPerSecond(),
                        stats.validation() == null
                                ? ""
                                : String.format(
                                        ", validation AUC %.4f log loss %.4f",
                                        stats.validation().auc(),
                                        stats.validation().logLoss()),
                        best ? " (best)" : "");
            }
        };
    }
}

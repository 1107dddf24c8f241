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

    /**
     * A progress bar with samples/s, loss and the time left, redrawn in place on a terminal; where
     * output is not a terminal (a log file, a CI job) only one line per epoch.
     *
     * @param interactive whether {@code out} is a terminal that honours carriage returns
     */
    static Progress bar(PrintStream out, boolean interactive) {
        return new Progress() {
            private long lastDraw;

            @Override
            public void step(int epoch, int epochs, long done, long total, double samplesPerSecond, double loss) {
                long now = System.nanoTime();
                if (!interactive || (now - lastDraw < 250_000_000L && done < total)) {
                    return;
                }
                lastDraw = now;
                out.printf(
                        "\repoch %d/%d %s %,8.0f samples/s loss %.4f ETA %s ",
                        epoch,
                        epochs,
                        filled(done, total),
                        samplesPerSecond,
                        loss,
                        eta(epoch, epochs, done, total, samplesPerSecond));
                out.flush();
            }

            @Override
            public void epoch(EpochStats stats, boolean best) {
                out.printf(
                        "%sepoch %d: train loss %.4f, %,.0f samples/s%s%s%n",
                        interactive ? "\r" : "",
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

    /**
     * Time left if every epoch left runs at the current speed, as m:ss (h:mm:ss past an hour);
     * early stopping can only make it shorter. Validation passes are not counted.
     */
    static String eta(int epoch, int epochs, long done, long total, double samplesPerSecond) {
        if (samplesPerSecond <= 0 || Double.isNaN(samplesPerSecond)) {
            return "--:--";
        }
        double samplesLeft = (total - done) + (double) (epochs - epoch) * total;
        return clock(samplesLeft / samplesPerSecond);
    }

    /** A 30-character bar and percentage of {@code done} out of {@code total}: {@code [=====     ]  50%}. */
    static String filled(long done, long total) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        return String.format(
                "[%s%s] %3d%%", "=".repeat(filled), " ".repeat(width - filled), 100 * done / Math.max(1, total));
    }

    /** A duration as m:ss, or h:mm:ss past an hour. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}

package io.dinserving.train;

import java.io.PrintStream;
import java.util.Locale;

/** Reports the progress of one long task over a known number of items, e.g. samples scored. */
@FunctionalInterface
public interface WorkProgress {

    /** {@code done} of {@code total} items are finished. */
    void advance(long done, long total);

    /** Reports nothing. */
    static WorkProgress silent() {
        return (done, total) -> {};
    }

    /**
     * A progress bar with items/s and the time left, as {@code train} draws it: redrawn in place on a
     * terminal; elsewhere (a log file, a CI job) one line when the task ends.
     *
     * @param task what is done, e.g. {@code scoring}
     * @param unit what is counted, e.g. {@code samples}
     */
    static WorkProgress bar(PrintStream out, boolean interactive, String task, String unit) {
        long started = System.nanoTime();
        return new WorkProgress() {
            private long lastDraw;

            @Override
            public void advance(long done, long total) {
                long now = System.nanoTime();
                double perSecond = done / Math.max(1e-9, (now - started) / 1e9);
                if (done >= total) {
                    out.printf(
                            Locale.ROOT,
                            "%s%s %,d %s in %.1f s, %,.0f %s/s%n",
                            interactive ? "\r" : "",
                            task,
                            done,
                            unit,
                            (now - started) / 1e9,
                            perSecond,
                            unit);
                    return;
                }
                if (!interactive || now - lastDraw < 250_000_000L) {
                    return;
                }
                lastDraw = now;
                out.printf(
                        Locale.ROOT,
                        "\r%s %s %,8.0f %s/s ETA %s ",
                        task,
                        Progress.filled(done, total),
                        perSecond,
                        unit,
                        perSecond > 0 ? Progress.clock((total - done) / perSecond) : "--:--");
                out.flush();
            }
        };
    }
}

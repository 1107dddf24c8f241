package io.dinserving.train.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Says on standard error what a command is doing and how long each step took, for the steps that
 * have no count to draw a bar for (reading a log, fitting features, loading a module). Standard
 * output stays for the command's results.
 */
final class Steps {

    private final PrintStream out;

    Steps(PrintStream out) {
        this.out = out;
    }

    static Steps onStandardError() {
        return new Steps(System.err);
    }

    /** Runs one step, named before it starts so a slow one is never silent, timed when it ends. */
    <T> T run(String what, Callable<T> step) throws Exception {
        out.print(what + " ... ");
        out.flush();
        long started = System.nanoTime();
        try {
            T result = step.call();
            out.printf(Locale.ROOT, "%.1f s%n", (System.nanoTime() - started) / 1e9);
            return result;
        } catch (Exception | Error e) {
            out.println("failed");
            throw e;
        }
    }

    /** A step with nothing to hand back. */
    void run(String what, StepAction step) throws Exception {
        run(what, () -> {
            step.run();
            return null;
        });
    }

    @FunctionalInterface
    interface StepAction {
        void run() throws Exception;
    }
}

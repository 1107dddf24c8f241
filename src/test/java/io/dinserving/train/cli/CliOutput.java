package io.dinserving.train.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

/** Runs a {@code din} command in this JVM, as tests do, and hands back what it printed. */
public final class CliOutput {

    private CliOutput() {}

    /** The command's standard output; it must exit with 0. */
    public static String standardOutputOf(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertThat(DinCli.run(args)).as("exit code of %s", List.of(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString();
    }

    /** The command's standard error, its standard output dropped; it must exit with 0. */
    public static String standardErrorOf(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            standardOutputOf(args);
        } finally {
            System.setErr(original);
        }
        return err.toString();
    }
}

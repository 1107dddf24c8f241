package io.dinserving.train.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code din} command and its subcommands. */
@Command(
        name = "din",
        mixinStandardHelpOptions = true,
        version = "din-serving 0.1.0",
        description = "Train, evaluate and prepare DIN models; without a subcommand the jar serves.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PrepareCommand.class,
            GenerateCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            ImportCommand.class,
            TuneCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DinCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = EnumOptions.register(new CommandLine(new DinCli()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Expected failures (bad input, missing files) get one clear line, not a stack trace.
            commandLine.getErr().println("error: " + e.getMessage());
            if (System.getenv("DIN_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * Whether the arguments are for the CLI rather than the server. Spring takes only {@code --name=value}
     * arguments, so any other first word is a command, a misspelt one included: the CLI answers it
     * (with a suggestion) instead of the server starting on a typo such as {@code trian}.
     */
    public static boolean isCommand(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        return !first.startsWith("--") || Set.of("--help", "--version").contains(first);
    }
}

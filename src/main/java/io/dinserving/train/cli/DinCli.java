package io.dinserving.train.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code din} command and its subcommands. */
@Command(name = "din", mixinStandardHelpOptions = true, version = "din-serving 0.1.0",
        description = "Train, evaluate and prepare DIN models; without a subcommand the jar serves.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PrepareCommand.class, GenerateCommand.class,
            CompareCommand.class, BenchCommand.class})
public final class DinCli implements Runnable {

    /** Subcommand names: a first argument among these runs the CLI instead of the server. */
    public static final Set<String> COMMANDS = Set.of("train", "evaluate", "prepare", "generate", "compare", "bench");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new DinCli());
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

    public static boolean isCommand(String[] args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || args[0].equals("--help") || args[0].equals("-h"));
    }
}

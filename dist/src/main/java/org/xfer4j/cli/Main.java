package org.xfer4j.cli;

import org.xfer4j.api.XferException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the xfer4j command line. */
@Command(name = "xfer4j", mixinStandardHelpOptions = true, version = "xfer4j 0.1.0",
        description = "Repurpose pretrained neural networks for new tasks with few labels.",
        subcommands = {ModelsCommand.class, LayersCommand.class, ExtractCommand.class, RepurposeCommand.class,
                PredictCommand.class, PluginsCommand.class, QuickstartCommand.class, StudyCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 success, 1 bad input or failure, 2 usage). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean verbose = parsed.hasMatchedOption("--verbose");
            if (e instanceof XferException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                if (verbose) {
                    e.printStackTrace(cmd.getErr());
                }
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

package org.xfer4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.xfer4j.api.XferException;
import org.xfer4j.core.artifact.HostInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the xfer4j command line. */
@Command(name = "xfer4j", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "Repurpose pretrained neural networks for new tasks with few labels.",
        subcommands = {ModelsCommand.class, LayersCommand.class, GraphCommand.class, ExtractCommand.class, RepurposeCommand.class,
                PredictCommand.class, ExportCommand.class, RankCommand.class, PluginsCommand.class, MethodsCommand.class, QuickstartCommand.class, StudyCommand.class,
                MetaTrainCommand.class, MetaTestCommand.class, DataCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** The version the core module (or jar) carries, the one artifacts record, so the two always agree. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"xfer4j " + HostInfo.xfer4jVersion()};
        }
    }

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
            if (e instanceof XferException || e instanceof IllegalArgumentException
                    || e instanceof UncheckedIOException) {
                cmd.getErr().println("error: " + message(e));
                if (verbose) {
                    e.printStackTrace(cmd.getErr());
                }
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The message of {@code e}; for a failed read or write, also what the file system said and about which file. */
    private static String message(Exception e) {
        if (!(e instanceof UncheckedIOException u)) {
            return e.getMessage();
        }
        IOException cause = u.getCause();
        String reason = switch (cause) {
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case NoSuchFileException n -> "no such file or folder: " + n.getFile();
            case FileAlreadyExistsException f -> "a file is in the way: " + f.getFile();
            case FileSystemException f -> f.getReason() == null ? f.getMessage() : f.getReason() + ": " + f.getFile();
            default -> cause.getMessage();
        };
        return u.getMessage().endsWith(cause.toString()) ? u.getMessage() : u.getMessage() + ": " + reason;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

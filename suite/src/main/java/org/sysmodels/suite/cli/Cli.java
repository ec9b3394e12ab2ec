package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.input.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Assembles the picocli command tree and the error policy: a user error (bad flag, bad file, unknown name) prints
 * what and where, without a stack trace, and exits 2, as does a run that runs out of heap; anything else is a bug in
 * sysmodels and exits 70 with the trace.
 */
public final class Cli {

    private Cli() {
    }

    public static CommandLine create(List<SimSystem> systems, PrintWriter out, PrintWriter err) {
        CommandLine root = new CommandLine(new SimCommand());
        root.addSubcommand("tour", new CommandLine(new TourCommand(systems)));
        root.addSubcommand("list", new CommandLine(new ListCommand(systems)));
        for (SimSystem s : systems) {
            root.addSubcommand(s.name(), SystemCommand.create(s));
        }
        root.addSubcommand("help", new HelpCommand());
        Help.exitCodes(root.getCommandSpec());
        for (CommandLine sub : root.getSubcommands().values()) {
            Help.exitCodes(sub.getCommandSpec());
        }
        root.setOut(out);
        root.setErr(err);
        root.setParameterExceptionHandler(badUsage());
        root.setExecutionExceptionHandler(failures());
        return root;
    }

    private static IParameterExceptionHandler badUsage() {
        return (ParameterException ex, String[] args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            if (ex.getCause() instanceof TypeConversionException bad
                    && ex.getArgSpec() instanceof picocli.CommandLine.Model.OptionSpec flag) {
                // a shared flag's value, in the words the systems' own flags use (WholeNumbers)
                err.println(cmd.getCommandSpec().qualifiedName() + ": " + flag.longestName() + ": "
                        + bad.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCodes.BAD_INPUT;
        };
    }

    /**
     * A run that needs more heap than the JVM may use is a request too large for this machine's settings, not a bug:
     * say so, say how to give the JVM more, and exit 2. By the time this runs the failed run's objects are
     * unreachable, so printing has the heap it needs.
     */
    public static int outOfMemory(String command, PrintWriter err) {
        err.println(command + ": out of memory: this run needs more heap than the JVM may use here (at most "
                + heapMiB() + " MiB). Give it more, for example "
                + "JAVA_TOOL_OPTIONS=-Xmx6g ./sim ..., or ask for a smaller run (fewer users, jobs or events).");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /** The most heap this JVM may use, in MiB with thousands separators, for messages. */
    static String heapMiB() {
        return String.format(Locale.ROOT, "%,d", Runtime.getRuntime().maxMemory() >> 20);
    }

    /** A bug in sysmodels: says so, prints the trace for the report, and exits 70. */
    public static int internalError(String command, Throwable bug, PrintWriter err) {
        err.println(command + ": internal error (a bug in sysmodels, please report it with the command you ran):");
        bug.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }

    private static IExecutionExceptionHandler failures() {
        return (Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) -> {
            PrintWriter err = cmd.getErr();
            Throwable c = ex;
            for (int depth = 0; c != null && depth < 32; depth++, c = c.getCause()) {
                if (c instanceof OutOfMemoryError) {
                    return outOfMemory(cmd.getCommandSpec().qualifiedName(), err);
                }
            }
            if (ex instanceof UserInputException u) {
                err.println(cmd.getCommandSpec().qualifiedName() + ": " + u.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            return internalError(cmd.getCommandSpec().qualifiedName(), ex, err);
        };
    }
}

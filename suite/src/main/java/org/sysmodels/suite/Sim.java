package org.sysmodels.suite;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.suite.cli.Cli;
import org.sysmodels.suite.cli.Systems;

/** The {@code sim} command's entry point. {@link #execute} is the same without {@code System.exit}, for tests. */
public final class Sim {

    private Sim() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs {@code sim} with these arguments. @return the exit status */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, Systems.discover());
    }

    static int execute(String[] args, PrintStream out, PrintStream err, List<SimSystem> systems) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return Cli.create(systems, o, e).execute(args);
        } catch (OutOfMemoryError oom) {
            return Cli.outOfMemory(commandName(args), e);
        } catch (Error bug) {
            return Cli.internalError(commandName(args), bug, e);
        }
    }

    /** {@code sim} and the subcommand, the first argument that is not an option. */
    private static String commandName(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return "sim " + a;
            }
        }
        return "sim";
    }
}

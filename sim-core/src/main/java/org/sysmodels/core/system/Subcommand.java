package org.sysmodels.core.system;

import java.io.PrintWriter;
import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;

/**
 * A command of a system beside its simulated runs, e.g. {@code sim presence serve} (a real server, running until
 * stopped) or {@code sim presence load} (a load generator). The suite registers each as {@code sim <system> <name>}
 * with its own flags, described as data like the system's.
 */
public interface Subcommand {

    /** The word after the system's name ("serve"). */
    String name();

    /** One line for listings and the header of its help. */
    String title();

    /** A paragraph for {@code --help}. */
    String description();

    /** Its flags. */
    List<OptionSpec<?>> options();

    /**
     * Runs in the foreground, printing progress to {@code out}, until done or interrupted. Bad input is a
     * {@link UserInputException} (exit status 2).
     *
     * @return the exit status: 0 ok, 1 a check failed
     */
    int run(Options options, PrintWriter out) throws UserInputException;
}

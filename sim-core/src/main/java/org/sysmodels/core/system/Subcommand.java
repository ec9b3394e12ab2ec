package org.sysmodels.core.system;

import java.io.PrintWriter;
import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;

/**
 * A command of a system beside its simulation run, described as data like the system's flags: {@code sim vcpu serve}
 * (a real API server), {@code sim presence load} (a load generator), {@code sim sensor-loop bme280} (a decoder). The
 * suite registers each as {@code sim <system> <name>} with its own options and help.
 */
public interface Subcommand {

    /** The word after the system's name ("serve"). */
    String name();

    /** One line for listings and the help header. */
    String title();

    /** A paragraph for {@code --help}: what it does, what it prints, how to stop it. */
    String description();

    /** Its flags. */
    List<OptionSpec<?>> options();

    /**
     * Runs it until it is done (a server: until it is stopped, e.g. by Ctrl-C, which it should survive cleanly).
     *
     * @return the exit status: 0 ok, 1 a check failed, 2 bad input
     * @throws UserInputException for a mistake in what the user gave, printed without a stack trace (exit 2)
     */
    int run(Options options, PrintWriter out, PrintWriter err) throws UserInputException;
}

package org.sysmodels.suite.cli;

import java.nio.file.Path;
import org.sysmodels.core.input.UserInputException;
import picocli.CommandLine.Option;

/** The flags every {@code sim <system>} command has (DESIGN.md, "Command line"). */
final class CommonOptions {

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", converter = WholeNumbers.Seed.class,
            description = "Root seed. The same scenario and seed give the same run, byte for byte. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--scenario", paramLabel = "NAME|FILE",
            description = "A packaged scenario by name (see `sim list`) or a scenario JSON file.")
    String scenario;

    @Option(names = "--bug", paramLabel = "NAME",
            description = "Run a bug lab: a known-buggy variant that the checks should catch (see `sim list`).")
    String bug;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Record a trace: FILE, as named, holds Perfetto/Chrome JSON (open in https://ui.perfetto.dev; "
                    + "any extension); a text log goes beside it with .txt for its extension (.log if FILE ends "
                    + "in .txt).")
    Path trace;

    @Option(names = "--trace-events", paramLabel = "N", defaultValue = "200000",
            converter = WholeNumbers.TraceEvents.class,
            description = "How many events a trace keeps: the first N, then only the ends of slices already begun, so "
                    + "Perfetto opens it quickly. Raise it to see a long run whole (about 60 bytes per event). "
                    + "Default: ${DEFAULT-VALUE}.")
    int traceEvents;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write an HTML report with plots and traces to DIR/index.html.")
    Path report;

    @Option(names = "--quiz", description = "Print questions generated from the seed; predict the answers.")
    boolean quiz;

    @Option(names = "--solve", description = "Print the same questions with their worked answers.")
    boolean solve;

    /**
     * Refuses an empty --scenario (an unset shell variable): as a path it is the current folder, which used to be
     * reported as "is a directory". Empty --trace and --report are refused where paths are checked (OutputPaths).
     */
    void requireNonEmpty() throws UserInputException {
        if (scenario != null && scenario.isBlank()) {
            throw new UserInputException("--scenario: must not be empty; give a packaged scenario's name or a file "
                    + "name (see sim list)");
        }
    }
}

package org.sysmodels.core.system;

import java.util.List;
import org.sysmodels.core.run.RunResult;

/**
 * A modelled system as the {@code sim} command sees it. Each model module implements this once and lists the class in
 * {@code META-INF/services/org.sysmodels.core.system.SimSystem}; the suite finds it with {@link java.util.ServiceLoader}
 * and registers {@code sim <name>}, its tour section and its catalog entries.
 *
 * <p>The suite owns the common flags ({@code --seed --scenario --bug --trace --report --quiz --solve}); a system adds
 * its own through {@link #options()}.
 */
public interface SimSystem {

    /** The subcommand: lower case, no spaces ("nvme"). */
    String name();

    /** One line for listings ("NVMe controller at register level, with a Linux-style driver"). */
    String title();

    /** A paragraph for {@code sim <name> --help} and the report. */
    String description();

    /** Named scenarios, bug labs and quizzes, for {@code sim list}. */
    default List<CatalogEntry> catalog() {
        return List.of();
    }

    /**
     * A fresh object whose picocli {@code @Option} fields are this system's own flags (e.g. {@code --iodepth}), or
     * null. The suite adds it to {@code sim <name>} as a mixin and passes it back in {@link RunRequest#options()}.
     */
    default Object options() {
        return null;
    }

    /** One run as the request says (scenario, bug lab, seed, options). */
    RunResult run(RunRequest request) throws UserInputException;

    /** The guided demo for {@code sim tour}: a few runs that show the system's main ideas, with plots. */
    RunResult tour(RunRequest request) throws UserInputException;

    /** OSTEP-style questions generated from the request's seed; {@code --solve} shows their answers. */
    default List<QuizQuestion> quiz(RunRequest request) throws UserInputException {
        throw new UserInputException(name() + " has no quiz yet");
    }

    /** Sourced facts for the "what is real" part of the report. */
    default List<RealityNote> reality() {
        return List.of();
    }
}

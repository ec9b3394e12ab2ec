package org.sysmodels.core.system;

import java.util.List;
import java.util.Optional;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentSlot;

/**
 * A modelled system as the {@code sim} command sees it. Each model module implements this once and lists the class in
 * {@code META-INF/services/org.sysmodels.core.system.SimSystem}; the suite finds it with {@link java.util.ServiceLoader}
 * and registers {@code sim <name>}, its tour section, its scenarios and bug labs, its flags and its student slot.
 *
 * <p>The suite owns the common flags ({@code --seed --scenario --bug --trace --report --quiz --solve}, and
 * {@code --template --grade --time-limit} with the slot's own flag when {@link #student()} is present); a system adds
 * its own as data through {@link #options()}, so no model module depends on the command-line library.
 */
public interface SimSystem {

    /** The subcommand: lower case, dashes allowed, no spaces ("nvme", "sensor-loop"). */
    String name();

    /** One line for listings ("NVMe controller at register level, with a Linux-style driver"). */
    String title();

    /** A paragraph for {@code sim <name> --help} and the report. */
    String description();

    /** Packaged scenarios, for {@code --scenario NAME}, {@code sim list} and help. */
    default List<ScenarioEntry> scenarios() {
        return List.of();
    }

    /** The bug labs, for {@code --bug NAME}; each names the rule that must catch it. */
    default List<BugLab> bugLabs() {
        return List.of();
    }

    /** Every rule this system's run-time checks can hold, for help and the report. */
    default List<Rule> rules() {
        return List.of();
    }

    /** Commands beside the simulation run ({@code sim vcpu serve}, {@code sim presence load}), as data. */
    default List<Subcommand> subcommands() {
        return List.of();
    }

    /** This system's own flags, as data; the suite turns them into command-line options. */
    default List<OptionSpec<?>> options() {
        return List.of();
    }

    /** Where a student's own code plugs in ({@code --driver}, {@code --app}, ...), if anywhere. */
    default Optional<StudentSlot> student() {
        return Optional.empty();
    }

    /**
     * One run as the request says (scenario, bug lab, seed, options, the student's file). Throws
     * {@link UserInputException} for bad input; a student's code that throws is a finding in the result or a
     * {@link StudentCodeFailure}, never an exception of another kind.
     */
    RunResult run(RunRequest request) throws UserInputException, StudentCodeFailure;

    /**
     * The grading battery for the student's file in {@code request.student()}: a result whose table has one row per
     * case (see {@link org.sysmodels.core.grade.Grader}).
     */
    default RunResult grade(RunRequest request) throws UserInputException {
        throw new UserInputException(name() + " has no grader");
    }

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

    /** The bug lab named {@code name}, or a usage error that lists the labs. */
    default BugLab bugLab(String name) throws UserInputException {
        for (BugLab lab : bugLabs()) {
            if (lab.name().equals(name)) {
                return lab;
            }
        }
        if (bugLabs().isEmpty()) {
            throw new UserInputException(name() + " has no bug labs; `sim list` shows the systems that do");
        }
        throw new UserInputException("--bug: no bug lab named \"" + name + "\" in " + name() + "; bug labs: "
                + String.join(", ", bugLabs().stream().map(BugLab::name).toList()));
    }
}

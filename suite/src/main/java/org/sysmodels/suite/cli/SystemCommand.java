package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunOutcome;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentSlot;
import org.sysmodels.core.student.Template;
import org.sysmodels.core.student.TimeLimit;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.suite.report.OutputPaths;
import org.sysmodels.suite.report.ReportWriter;
import org.sysmodels.suite.report.TraceOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code sim <system>}: one run, a bug lab, a quiz, or a student's code (run, template, grade), with the common flags
 * plus the system's own, which the system describes as data.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true)
final class SystemCommand implements Callable<Integer> {

    /** The flags besides the code slot's own that ask for a run, which --template does not make. */
    private static final List<String> RUN_FLAGS = List.of("--grade", "--bug", "--scenario", "--quiz",
            "--solve", "--trace", "--report");

    /** What a quiz reads: its questions come from the seed alone. */
    private static final List<String> QUIZ_FLAGS = List.of("--quiz", "--solve", "--seed");

    static final OptionSpec<String> TEMPLATE = new OptionSpec<>("--template", "NAME",
            "Print a complete, commented starter file for your own code.", "the first template", t -> t);
    static final OptionSpec<Path> GRADE = OptionSpec.path("--grade", "FILE",
            "Run your file through the grading battery (packaged scenarios, faults, harder cases) and print a "
                    + "table of rules clean per case.");
    static final OptionSpec<Long> TIME_LIMIT = OptionSpec.duration("--time-limit", "TIME", 1_000_000_000L,
            3_600_000_000_000L, "Wall-clock limit for a run of your code (a loop that never ends is reported with "
                    + "its line).").withDefault("60s");

    /** About 3 GB of JSON: past that, Perfetto cannot open a file anyway. */
    static final int MAX_TRACE_EVENTS = 50_000_000;

    private final SimSystem system;
    private final List<OptionSpec<?>> systemOptions;
    private final Optional<StudentSlot> slot;
    private final List<OptionSpec<?>> slotOptions;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private SystemCommand(SimSystem system) {
        this.system = system;
        this.systemOptions = system.options();
        this.slot = system.student();
        this.slotOptions = slot.map(SystemCommand::slotOptions).orElse(List.of());
    }

    private static List<OptionSpec<?>> slotOptions(StudentSlot s) {
        OptionSpec<Path> file = OptionSpec.path(s.flag(), "FILE", "Run your own " + s.noun() + " (" + (s.kind()
                == StudentSlot.Kind.JAVA_SOURCE ? "one Java source file" : "a compiled file") + ") in place of the "
                + "reference, under every check. " + s.description());
        OptionSpec<String> template = new OptionSpec<>(TEMPLATE.name(), TEMPLATE.label(), TEMPLATE.help()
                + " Edit it, then run it with " + s.flag() + " FILE or grade it with --grade FILE.", null,
                TEMPLATE.parser()).withDefault(s.templates().isEmpty() ? null
                : s.templates().get(0).name() + "; templates: " + String.join(", ", s.templateNames()));
        return List.of(file, template, GRADE, TIME_LIMIT);
    }

    /** The picocli command for a system, with its help text and its own options. */
    static CommandLine create(SimSystem system) {
        SystemCommand command = new SystemCommand(system);
        CommandLine cl = new CommandLine(command);
        CommandSpec spec = cl.getCommandSpec();
        SystemOptions.add(spec, command.systemOptions);
        for (OptionSpec<?> o : command.slotOptions) {
            picocli.CommandLine.Model.OptionSpec option = SystemOptions.optionFor(o);
            if (o.name().equals(TEMPLATE.name())) {
                option = option.toBuilder().arity("0..1").build();
            }
            spec.addOption(option);
        }
        spec.name(system.name());
        for (org.sysmodels.core.system.Subcommand sub : system.subcommands()) {
            cl.addSubcommand(sub.name(), SubcommandCommand.create(system, sub));
        }
        spec.usageMessage().header(system.title()).description(system.description().replace("%", "%%"))
                .footer(footer(system));
        Help.exitCodes(spec);
        return cl;
    }

    private static String[] footer(SimSystem system) {
        StringBuilder f = new StringBuilder();
        List<ScenarioEntry> scenarios = system.scenarios();
        if (!scenarios.isEmpty()) {
            f.append("%nScenarios (--scenario NAME):%n");
            scenarios.forEach(e -> f.append("  ").append(e.name()).append("  ").append(esc(e.description()))
                    .append("%n"));
        }
        List<BugLab> labs = system.bugLabs();
        if (!labs.isEmpty()) {
            f.append("%nBug labs (--bug NAME):%n");
            labs.forEach(l -> f.append("  ").append(l.name()).append("  ").append(esc(l.mistake()))
                    .append(" (caught by ").append(l.rule().name()).append(")%n"));
        }
        String n = system.name();
        if (!system.subcommands().isEmpty()) {
            f.append("%nCommands (sim ").append(n).append(" COMMAND --help):%n");
            system.subcommands().forEach(c -> f.append("  ").append(c.name()).append("  ").append(esc(c.title()))
                    .append("%n"));
        }
        f.append("%nExamples:%n  sim ").append(n).append(" --seed 7 --trace ").append(n).append(".json%n  sim ")
                .append(n).append(" --quiz --seed 3%n  sim ").append(n).append(" --solve --seed 3%n");
        system.student().ifPresent(s -> {
            String file = s.templates().isEmpty() ? "FILE" : s.templates().get(0).fileName();
            f.append("%nYour own ").append(s.noun()).append(":%n  sim ").append(n).append(" --template");
            if (!s.templates().isEmpty()) {
                f.append(" ").append(s.templates().get(0).name()).append(" > ").append(file);
            }
            f.append("%n  sim ").append(n).append(" ").append(s.flag()).append(" ").append(file).append("%n  sim ")
                    .append(n).append(" --grade ").append(file).append("%n");
        });
        return new String[] {f.toString()};
    }

    private static String esc(String s) {
        return s.replace("%", "%%");
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ParseResult parsed = spec.commandLine().getParseResult();
        common.requireNonEmpty();
        Options options = SystemOptions.read(parsed, systemOptions);
        if (slot.isPresent() && parsed.hasMatchedOption(TEMPLATE.name())) {
            for (String flag : Stream.concat(Stream.of(slot.get().flag()), RUN_FLAGS.stream()).toList()) {
                if (parsed.hasMatchedOption(flag)) {
                    throw new UserInputException(TEMPLATE.name() + " prints a starter file and runs nothing; leave "
                            + "out " + flag + ", or run without " + TEMPLATE.name());
                }
            }
            Object name = parsed.matchedOption(TEMPLATE.name()).getValue();
            return printTemplate(out, name == null ? "" : name.toString());
        }
        Options slotValues = SystemOptions.read(parsed, slotOptions.stream()
                .filter(o -> !o.name().equals(TEMPLATE.name())).toList());
        Duration limit = Duration.ofNanos(slotValues.getOr(TIME_LIMIT, RunRequest.DEFAULT_TIME_LIMIT.toNanos()));
        Optional<Path> studentFile = slot.flatMap(s -> slotValues.get(pathOption(s.flag())));
        Optional<Path> gradeFile = slotValues.get(GRADE);
        if (studentFile.isPresent() && gradeFile.isPresent()) {
            throw new UserInputException(slot.get().flag() + " and --grade: give one of them (--grade runs the file "
                    + "through the whole battery)");
        }
        if (common.bug != null && (studentFile.isPresent() || gradeFile.isPresent())) {
            throw new UserInputException("--bug runs a packaged buggy " + slot.get().noun() + "; it cannot be "
                    + "combined with your own file");
        }
        if (gradeFile.isPresent()) {
            for (String flag : List.of("--trace", "--trace-events")) {
                if (parsed.hasMatchedOption(flag)) {
                    throw new UserInputException("--grade runs a battery of cases and writes no trace; leave out "
                            + flag + ", or trace one case with " + slot.get().flag() + " FILE --scenario NAME "
                            + "--trace FILE");
                }
            }
        }
        RunRequest request = new RunRequest(common.seed, Optional.ofNullable(common.scenario),
                Optional.ofNullable(common.bug), common.trace != null || common.report != null ? common.traceEvents : 0,
                Optional.ofNullable(common.report).map(d -> d.resolve(system.name())), options,
                studentFile.or(() -> gradeFile), limit, null);
        if (common.quiz || common.solve) {
            for (picocli.CommandLine.Model.OptionSpec o : parsed.matchedOptions()) {
                if (!QUIZ_FLAGS.contains(o.longestName())) {
                    String flag = common.quiz ? "--quiz" : "--solve";
                    throw new UserInputException(flag + " prints questions generated from --seed alone, which "
                            + o.longestName() + " does not change; leave out " + o.longestName() + ", or run "
                            + "without " + flag);
                }
            }
            QuizPrinter.print(out, system.name(), common.seed, system.quiz(request), common.solve);
            return ExitCodes.OK;
        }
        if (common.bug != null) {
            system.bugLab(common.bug);
        }
        if (common.traceEvents < 1 || common.traceEvents > MAX_TRACE_EVENTS) {
            throw new UserInputException("--trace-events: " + common.traceEvents + " is out of range; allowed: 1 to "
                    + MAX_TRACE_EVENTS);
        }
        // a flag that would change nothing is refused, as --position without a driver is
        if (parsed.hasMatchedOption("--trace-events") && common.trace == null && common.report == null) {
            throw new UserInputException("--trace-events sets how many events a trace keeps, and this run records "
                    + "none: give it with --trace FILE or --report DIR, or leave it out");
        }
        if (slot.isPresent() && parsed.hasMatchedOption(TIME_LIMIT.name()) && studentFile.isEmpty()
                && gradeFile.isEmpty()) {
            throw new UserInputException(TIME_LIMIT.name() + " limits the real time your code may run, and this run "
                    + "has none of yours: give it with " + slot.get().flag() + " FILE or --grade FILE, or leave it "
                    + "out");
        }
        if (common.trace != null) {
            OutputPaths.requireWritableFile("--trace", common.trace);
        }
        if (common.report != null) {
            OutputPaths.requireWritableFolder("--report", common.report);
        }
        long t0 = System.nanoTime();
        RunResult result;
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr(), system.name())) {
            RunRequest watched = request.withProgress(progress);
            if (gradeFile.isPresent()) {
                result = system.grade(watched);
            } else if (studentFile.isPresent()) {
                result = TimeLimit.run(limit, slot.orElseThrow().noun(), () -> system.run(watched));
            } else {
                result = system.run(watched);
            }
        } catch (StudentCodeFailure f) {
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println("sim " + system.name() + ": " + f.finding().rule() + ": " + f.finding().message());
            notWritten(err);
            err.println("  result: your code failed (exit status 1)");
            err.flush();
            return ExitCodes.CHECK_FAILED;
        } catch (OutOfMemoryError oom) {
            if (studentFile.isEmpty() && gradeFile.isEmpty()) {
                throw oom;
            }
            // every packaged run and grading case fits the default heap, so with a student's class plugged in the
            // likely holder is their code, even when the allocation that failed was the simulator's
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println("sim " + system.name() + ": student-code: the run ran out of heap (at most "
                    + Cli.heapMiB() + " MiB) with your "
                    + "code plugged in; code that keeps what it allocates (a collection in a static field that only "
                    + "grows?) is the usual cause");
            notWritten(err);
            err.println("  result: your code failed (exit status 1)");
            err.flush();
            return ExitCodes.CHECK_FAILED;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ResultPrinter.print(out, result);
        List<String> unwritten = new ArrayList<>();
        if (common.trace != null) {
            try {
                ResultPrinter.traces(out, TraceOutput.write(result.traces(), common.trace));
            } catch (java.io.IOException e) {
                unwritten.add("--trace " + common.trace + ": " + e.getMessage());
            }
        }
        if (common.report != null) {
            try {
                List<TraceOutput.Written> reportTraces = TraceOutput.write(result.traces(),
                        common.report.resolve(system.name()).resolve(system.name() + ".json"));
                Path index = ReportWriter.write(common.report, "sysmodels: " + system.name(), common.seed,
                        List.of(new ReportWriter.Section(system,
                                "./sim " + String.join(" ", spec.root().commandLine().getParseResult()
                                        .originalArgs()), result, null, reportTraces, seconds)));
                out.println("  report: " + index.toAbsolutePath());
            } catch (java.io.IOException e) {
                unwritten.add("--report " + common.report + ": " + e.getMessage());
            }
        }
        RunOutcome outcome = result.outcome();
        if (outcome.failed()) {
            out.println("  result: " + outcome.line() + " (exit status 1)");
        }
        out.flush();
        if (!unwritten.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            unwritten.forEach(u -> err.println("sim " + system.name() + ": could not write " + u
                    + " (the results above are complete)"));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return outcome.failed() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /** Says which of the files asked for a run that ended without a result could not be written. */
    private void notWritten(PrintWriter err) {
        List<String> asked = new ArrayList<>();
        if (common.trace != null) {
            asked.add("--trace " + common.trace);
        }
        if (common.report != null) {
            asked.add("--report " + common.report);
        }
        if (!asked.isEmpty()) {
            err.println("  not written: " + String.join(", ", asked) + " (the run ended without a result)");
        }
    }

    @SuppressWarnings("unchecked")
    private OptionSpec<Path> pathOption(String flag) {
        return (OptionSpec<Path>) slotOptions.stream().filter(o -> o.name().equals(flag)).findFirst().orElseThrow();
    }

    private int printTemplate(PrintWriter out, String name) throws UserInputException {
        StudentSlot s = slot.orElseThrow(() -> new UserInputException(system.name() + " takes no code of yours"));
        if (s.templates().isEmpty()) {
            throw new UserInputException(system.name() + " has no templates");
        }
        Template t = name.isEmpty() ? s.templates().get(0) : s.template(name).orElseThrow(() ->
                new UserInputException("--template: no template named \"" + name + "\"; templates: "
                        + String.join(", ", s.templateNames())));
        out.print(t.text());
        out.flush();
        return ExitCodes.OK;
    }
}

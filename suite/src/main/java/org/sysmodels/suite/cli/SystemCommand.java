package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.CatalogEntry;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.system.UserInputException;
import org.sysmodels.suite.report.ReportWriter;
import org.sysmodels.suite.report.TraceOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sim <system>}: one run, a bug lab, or a quiz, with the common flags plus the system's own. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true)
final class SystemCommand implements Callable<Integer> {

    private final SimSystem system;
    private final Object systemOptions;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    SystemCommand(SimSystem system, Object systemOptions) {
        this.system = system;
        this.systemOptions = systemOptions;
    }

    /** The picocli command for a system, with its help text and its own options mixed in. */
    static CommandLine create(SimSystem system) {
        Object options = system.options();
        CommandLine cl = new CommandLine(new SystemCommand(system, options));
        if (options != null) {
            cl.addMixin("options", options);
        }
        CommandSpec spec = cl.getCommandSpec();
        spec.name(system.name());
        spec.usageMessage().header(system.title()).description(system.description()).footer(footer(system));
        Help.exitCodes(spec);
        return cl;
    }

    private static String[] footer(SimSystem system) {
        List<CatalogEntry> entries = system.catalog();
        StringBuilder f = new StringBuilder();
        for (CatalogEntry.Kind kind : CatalogEntry.Kind.values()) {
            List<CatalogEntry> ofKind = entries.stream().filter(e -> e.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            f.append("%n").append(kind == CatalogEntry.Kind.SCENARIO ? "Scenarios (--scenario NAME):" : "Bug labs (--bug NAME):")
                    .append("%n");
            ofKind.forEach(e -> f.append("  ").append(e.name()).append("  ").append(e.description()
                    .replace("%", "%%")).append("%n"));
        }
        f.append("%nExamples:%n  sim ").append(system.name()).append(" --seed 7 --trace ").append(system.name())
                .append(".json%n  sim ").append(system.name()).append(" --quiz --seed 3%n  sim ")
                .append(system.name()).append(" --solve --seed 3%n");
        return new String[] {f.toString()};
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunRequest request = new RunRequest(common.seed, Optional.ofNullable(common.scenario),
                Optional.ofNullable(common.bug), common.trace != null || common.report != null,
                Optional.ofNullable(common.report).map(d -> d.resolve(system.name())), systemOptions);
        if (common.quiz || common.solve) {
            QuizPrinter.print(out, system.name(), common.seed, system.quiz(request), common.solve);
            return ExitCodes.OK;
        }
        if (common.bug != null) {
            requireBugLab(common.bug);
        }
        long t0 = System.nanoTime();
        RunResult result = system.run(request);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<TraceOutput.Written> traces = List.of();
        if (common.trace != null) {
            traces = TraceOutput.write(result.traces(), common.trace);
        }
        ResultPrinter.print(out, result, traces);
        if (common.report != null) {
            List<TraceOutput.Written> reportTraces = TraceOutput.write(result.traces(),
                    common.report.resolve(system.name()).resolve(system.name() + ".json"));
            Path index = ReportWriter.write(common.report, "sysmodels: " + system.name(), common.seed,
                    List.of(new ReportWriter.Section(system,
                            "./sim " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()),
                            result, null, reportTraces, seconds)));
            out.println("  report: " + index.toAbsolutePath());
        }
        if (!result.passed()) {
            out.println("  result: a check failed (exit status 1)");
        }
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private void requireBugLab(String name) throws UserInputException {
        List<String> labs = system.catalog().stream().filter(e -> e.kind() == CatalogEntry.Kind.BUG_LAB)
                .map(CatalogEntry::name).toList();
        if (labs.isEmpty()) {
            throw new UserInputException(system.name() + " has no bug labs; `sim list` shows the systems that do");
        }
        if (!labs.contains(name)) {
            throw new UserInputException("--bug: no bug lab named \"" + name + "\" in " + system.name()
                    + "; bug labs: " + String.join(", ", labs));
        }
    }
}

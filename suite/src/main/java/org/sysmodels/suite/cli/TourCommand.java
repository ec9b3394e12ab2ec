package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.suite.report.OutputPaths;
import org.sysmodels.suite.report.ReportWriter;
import org.sysmodels.suite.report.TraceOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sim tour}: every system's guided demo, one after the other, into one HTML report. */
@Command(name = "tour", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Run every system's guided demo and write an HTML report.",
        description = {
            "Runs each system's demo in turn (the M/M/1 kernel check first), prints what each one shows, and writes "
                    + "DIR/index.html with a section per system: plots, tables, check findings, traces (open them in "
                    + "https://ui.perfetto.dev) and sourced notes on what the real system does.",
            "The same seed gives the same figures and the same trace files."},
        footer = {"%nExamples:%n  sim tour%n  sim tour --seed 42 --report /tmp/tour%n  sim tour --only queue%n"})
final class TourCommand implements Callable<Integer> {

    private final List<SimSystem> systems;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", converter = WholeNumbers.Seed.class,
            description = "Root seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "report",
            description = "Where to write the report. Default: ${DEFAULT-VALUE}.")
    Path report;

    /** Split here, not by picocli, which drops a trailing empty entry ({@code queue,}) without a word. */
    @Option(names = "--only", paramLabel = "SYSTEM[,SYSTEM...]",
            description = "Run only these systems (comma-separated names, see `sim list`).")
    List<String> only;

    TourCommand(List<SimSystem> systems) {
        this.systems = systems;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<SimSystem> chosen = choose();
        OutputPaths.requireWritableFolder("--report", report);
        List<ReportWriter.Section> sections = new ArrayList<>();
        boolean allPassed = true;
        boolean crashed = false;
        for (int i = 0; i < chosen.size(); i++) {
            SimSystem s = chosen.get(i);
            out.printf("[%d/%d] %s: %s%n", i + 1, chosen.size(), s.name(), s.title());
            out.flush();
            long t0 = System.nanoTime();
            Path dir = report.resolve(s.name());
            try {
                RunRequest request = RunRequest.ofSeed(seed).withTrace(true).withOutputDir(dir);
                RunResult r = s.tour(request);
                double seconds = (System.nanoTime() - t0) / 1e9;
                List<TraceOutput.Written> traces = TraceOutput.write(r.traces(), dir.resolve(s.name() + ".json"));
                sections.add(new ReportWriter.Section(s, command(s), r, null, traces, seconds));
                r.summary().forEach(line -> out.println("      " + line));
                out.printf("      %s in %.1f s%n", r.passed() ? "done" : "CHECK FAILED", seconds);
                allPassed &= r.passed();
            } catch (UserInputException | RuntimeException | java.io.IOException e) {
                crashed = true;
                sections.add(new ReportWriter.Section(s, command(s), null, e.toString(), List.of(),
                        (System.nanoTime() - t0) / 1e9));
                out.println("      FAILED: " + e);
                writeError(dir, e);
            }
            out.flush();
        }
        Path index = ReportWriter.write(report, "sysmodels tour", seed, sections);
        out.println();
        out.println("Report: " + index.toAbsolutePath());
        out.println("Open it in a browser. Traces (.json) open in https://ui.perfetto.dev.");
        out.flush();
        return crashed ? ExitCodes.INTERNAL_ERROR : allPassed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private String command(SimSystem s) {
        return "./sim tour --only " + s.name() + " --seed " + seed;
    }

    private List<SimSystem> choose() throws UserInputException {
        if (only == null) {
            return systems;
        }
        List<String> names = systems.stream().map(SimSystem::name).toList();
        List<String> asked = new ArrayList<>();
        for (String value : only) {
            for (String n : value.split(",", -1)) {
                if (n.isBlank()) {
                    throw new UserInputException("--only \"" + value + "\": an empty name in the list; give "
                            + "system names separated by commas, from: " + String.join(", ", names));
                }
                if (!names.contains(n)) {
                    throw new UserInputException("--only: no system named \"" + n + "\"; systems: "
                            + String.join(", ", names));
                }
                asked.add(n);
            }
        }
        return systems.stream().filter(s -> asked.contains(s.name())).toList();
    }

    private static void writeError(Path dir, Exception e) {
        try {
            Files.createDirectories(dir);
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            Files.writeString(dir.resolve("error.txt"), w.toString());
        } catch (java.io.IOException ignored) {
            // The report still names the failure; the stack trace file is a convenience.
        }
    }
}

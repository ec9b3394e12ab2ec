package org.sysmodels.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run}: runs every {@link Headlines headline} benchmark and its peer in one JMH run, with the GC profiler,
 * and prints one table: benchmark, figure, unit, allocation per operation, peer, peer figure, ratio, target.
 */
@Command(name = "bench/run", mixinStandardHelpOptions = true,
        description = "Run the headline benchmarks of every system against their peers and print one table.")
public final class BenchRun implements Callable<Integer> {

    @Option(names = "--only", paramLabel = "TEXT", description = "Only headlines whose label or benchmark contains TEXT.")
    String only;

    @Option(names = "--long", description = "More warm-up, more iterations and two forks, for figures to quote.")
    boolean longRun;

    @Option(names = "--list", description = "List the headlines and exit.")
    boolean list;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "bench/results",
            description = "Where to write JMH's JSON and the table. Default: ${DEFAULT-VALUE}.")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Headline> chosen = Headlines.ALL.stream()
                .filter(h -> only == null || h.label().contains(only) || h.benchmark().contains(only)).toList();
        List<ProgramHeadline> programs = Headlines.PROGRAMS.stream()
                .filter(h -> only == null || h.label().contains(only) || h.mainClass().contains(only)).toList();
        if (chosen.isEmpty() && programs.isEmpty()) {
            System.err.println("bench/run: no headline matches --only " + only + "; see bench/run --list");
            return 2;
        }
        if (list) {
            chosen.forEach(h -> System.out.println(h.label() + "  [" + h.benchmark() + " vs " + h.peerBenchmark() + "]"));
            programs.forEach(h -> System.out.println(h.label() + "  [" + h.mainClass() + " " + h.args() + "]"));
            return 0;
        }
        if (chosen.isEmpty()) {
            String rows = programRows(programs);
            System.out.print(rows);
            return 0;
        }
        Set<String> methods = new LinkedHashSet<>();
        for (Headline h : chosen) {
            methods.add(h.benchmark());
            if (h.peerBenchmark() != null) {
                methods.add(h.peerBenchmark());
            }
        }
        Files.createDirectories(results);
        ChainedOptionsBuilder opt = new OptionsBuilder()
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(results.resolve("latest.json").toString());
        for (String m : methods) {
            opt.include("^" + Pattern.quote(m) + "$");
        }
        if (longRun) {
            opt.forks(2).warmupIterations(5).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(10).measurementTime(TimeValue.seconds(2));
        } else {
            opt.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> runs = new Runner(opt.build()).run();
        Map<String, RunResult> byMethod = new HashMap<>();
        for (RunResult r : runs) {
            byMethod.put(r.getParams().getBenchmark(), r);
        }
        String table = table(chosen, byMethod) + programRows(programs);
        System.out.println();
        System.out.print(table);
        Files.writeString(results.resolve("latest.txt"), table, StandardCharsets.UTF_8);
        return 0;
    }

    /** Runs each program in its own JVM and formats the rows it prints (lines starting with ROW and a tab). */
    private String programRows(List<ProgramHeadline> programs) throws Exception {
        StringBuilder b = new StringBuilder();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (ProgramHeadline p : programs) {
            List<String> cmd = new java.util.ArrayList<>(List.of(java));
            cmd.addAll(p.jvmArgs());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), p.mainClass()));
            cmd.addAll(p.args());
            if (longRun) {
                cmd.add("--long");
            }
            System.out.println("# " + p.label() + ": " + String.join(" ", cmd.subList(cmd.indexOf(p.mainClass()),
                    cmd.size())));
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                    proc.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("ROW\t")) {
                        String[] f = line.split("\t", -1);
                        b.append(String.format(Locale.ROOT, "%-46s %12s %-10s %10s  %-36s %12s %10s %8s  %-40s %s%n",
                                f[1], f[2], f[3], "-", f[4], f[5], "-", f[6], f.length > 7 ? f[7] : "",
                                f.length > 8 ? f[8] : "reported"));
                    } else {
                        System.out.println("  " + line);
                    }
                }
            }
            int rc = proc.waitFor();
            if (rc != 0) {
                b.append(String.format(Locale.ROOT, "%-46s %12s  (exit status %d: see the log above)%n", p.label(),
                        "failed", rc));
            }
        }
        return b.toString();
    }

    static String table(List<Headline> headlines, Map<String, RunResult> byMethod) {
        StringBuilder b = new StringBuilder();
        String fmt = "%-46s %12s %-10s %10s  %-36s %12s %10s %8s  %-40s %s%n";
        b.append(String.format(Locale.ROOT, fmt, "benchmark", "figure", "unit", "alloc B/op", "peer", "peer figure",
                "peer B/op", "ratio", "target", "verdict"));
        for (Headline h : headlines) {
            RunResult r = byMethod.get(h.benchmark());
            RunResult p = h.peerBenchmark() == null ? null : byMethod.get(h.peerBenchmark());
            double score = r == null ? Double.NaN : r.getPrimaryResult().getScore();
            double peer = p == null ? Double.NaN : p.getPrimaryResult().getScore();
            b.append(String.format(Locale.ROOT, fmt, h.label(), figure(r), h.unit(), alloc(r),
                    h.peerLabel() == null ? "-" : h.peerLabel(), figure(p), alloc(p),
                    Double.isNaN(peer) ? "-" : String.format(Locale.ROOT, "%.2fx", score / peer), h.target(),
                    h.goal().verdict(score, score / peer, bytesPerOp(r))));
        }
        return b.toString();
    }

    private static String figure(RunResult r) {
        if (r == null) {
            return "-";
        }
        Result<?> s = r.getPrimaryResult();
        return engineering(s.getScore()) + " ±" + String.format(Locale.ROOT, "%.0f%%",
                100 * s.getScoreError() / s.getScore());
    }

    private static double bytesPerOp(RunResult r) {
        if (r == null) {
            return Double.NaN;
        }
        Result<?> a = r.getSecondaryResults().get("·gc.alloc.rate.norm");
        if (a == null) {
            a = r.getSecondaryResults().get("gc.alloc.rate.norm");
        }
        return a == null ? Double.NaN : a.getScore();
    }

    private static String alloc(RunResult r) {
        if (r == null) {
            return "-";
        }
        double bytes = bytesPerOp(r);
        return Double.isNaN(bytes) ? "?" : String.format(Locale.ROOT, "%.2f", bytes);
    }

    static String engineering(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.2f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

package org.sysmodels.core.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.Progress;
import org.sysmodels.core.trace.Tracer;

/**
 * What the user asked for: a seed, optionally a scenario (a file path or the name of a packaged scenario), a bug lab,
 * how many events a trace may hold (0: no trace; see {@link Tracer}), where files may be written, the values of the
 * system's own flags, a student's file for
 * the system's slot, the wall-clock limit for code a student plugged in, and where to report progress.
 */
public record RunRequest(long seed, Optional<String> scenario, Optional<String> bug, int traceEvents,
                         Optional<Path> outputDir, Options options, Optional<Path> student, Duration timeLimit,
                         Progress progress) {

    /** The default wall-clock limit for a run of a student's code. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

    public RunRequest {
        options = options == null ? Options.none() : options;
        progress = progress == null ? Progress.NONE : progress;
    }

    public static RunRequest ofSeed(long seed) {
        return new RunRequest(seed, Optional.empty(), Optional.empty(), 0, Optional.empty(), Options.none(),
                Optional.empty(), DEFAULT_TIME_LIMIT, Progress.NONE);
    }

    public RunRequest withSeed(long s) {
        return new RunRequest(s, scenario, bug, traceEvents, outputDir, options, student, timeLimit, progress);
    }

    /** Records a trace with the default window ({@link Tracer#DEFAULT_MAX_EVENTS}), or none. */
    public RunRequest withTrace(boolean on) {
        return withTraceEvents(on ? Tracer.DEFAULT_MAX_EVENTS : 0);
    }

    public RunRequest withTraceEvents(int events) {
        return new RunRequest(seed, scenario, bug, events, outputDir, options, student, timeLimit, progress);
    }

    /** True when the user asked for a trace. */
    public boolean trace() {
        return traceEvents > 0;
    }

    public RunRequest withScenario(String nameOrPath) {
        return new RunRequest(seed, Optional.of(nameOrPath), bug, traceEvents, outputDir, options, student, timeLimit,
                progress);
    }

    public RunRequest withBug(String name) {
        return new RunRequest(seed, scenario, Optional.of(name), traceEvents, outputDir, options, student, timeLimit,
                progress);
    }

    public RunRequest withOutputDir(Path dir) {
        return new RunRequest(seed, scenario, bug, traceEvents, Optional.of(dir), options, student, timeLimit,
                progress);
    }

    public RunRequest withOptions(Options o) {
        return new RunRequest(seed, scenario, bug, traceEvents, outputDir, o, student, timeLimit, progress);
    }

    public RunRequest withStudent(Path file) {
        return new RunRequest(seed, scenario, bug, traceEvents, outputDir, options, Optional.of(file), timeLimit,
                progress);
    }

    public RunRequest withTimeLimit(Duration limit) {
        return new RunRequest(seed, scenario, bug, traceEvents, outputDir, options, student, limit, progress);
    }

    public RunRequest withProgress(Progress p) {
        return new RunRequest(seed, scenario, bug, traceEvents, outputDir, options, student, timeLimit, p);
    }

    /** A recording tracer named {@code name} if the user asked for a trace, else the free no-op tracer. */
    public Tracer tracer(String name) {
        return traceEvents > 0 ? Tracer.recording(name, traceEvents) : Tracer.off();
    }
}

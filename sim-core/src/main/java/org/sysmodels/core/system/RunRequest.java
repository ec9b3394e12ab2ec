package org.sysmodels.core.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.trace.Tracer;

/**
 * What the user asked for: a seed, optionally a scenario (a file path or the name of a packaged scenario), a bug lab,
 * whether to record a trace, where files may be written, the values of the system's own flags, a student's file for
 * the system's slot, and the wall-clock limit for code a student plugged in.
 */
public record RunRequest(long seed, Optional<String> scenario, Optional<String> bug, boolean trace,
                         Optional<Path> outputDir, Options options, Optional<Path> student, Duration timeLimit) {

    /** The default wall-clock limit for a run of a student's code. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

    public RunRequest {
        options = options == null ? Options.none() : options;
    }

    public static RunRequest ofSeed(long seed) {
        return new RunRequest(seed, Optional.empty(), Optional.empty(), false, Optional.empty(), Options.none(),
                Optional.empty(), DEFAULT_TIME_LIMIT);
    }

    public RunRequest withSeed(long s) {
        return new RunRequest(s, scenario, bug, trace, outputDir, options, student, timeLimit);
    }

    public RunRequest withTrace(boolean on) {
        return new RunRequest(seed, scenario, bug, on, outputDir, options, student, timeLimit);
    }

    public RunRequest withScenario(String nameOrPath) {
        return new RunRequest(seed, Optional.of(nameOrPath), bug, trace, outputDir, options, student, timeLimit);
    }

    public RunRequest withBug(String name) {
        return new RunRequest(seed, scenario, Optional.of(name), trace, outputDir, options, student, timeLimit);
    }

    public RunRequest withOutputDir(Path dir) {
        return new RunRequest(seed, scenario, bug, trace, Optional.of(dir), options, student, timeLimit);
    }

    public RunRequest withOptions(Options o) {
        return new RunRequest(seed, scenario, bug, trace, outputDir, o, student, timeLimit);
    }

    public RunRequest withStudent(Path file) {
        return new RunRequest(seed, scenario, bug, trace, outputDir, options, Optional.of(file), timeLimit);
    }

    public RunRequest withTimeLimit(Duration limit) {
        return new RunRequest(seed, scenario, bug, trace, outputDir, options, student, limit);
    }

    /** A recording tracer named {@code name} if the user asked for a trace, else the free no-op tracer. */
    public Tracer tracer(String name) {
        return trace ? Tracer.recording(name) : Tracer.off();
    }
}

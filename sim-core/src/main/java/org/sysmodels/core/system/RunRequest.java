package org.sysmodels.core.system;

import java.nio.file.Path;
import java.util.Optional;
import org.sysmodels.core.trace.Tracer;

/**
 * What the user asked for: a seed, optionally a scenario (a file path or the name of a packaged scenario), a bug lab,
 * whether to record a trace, where files may be written, and the system's own options object (see
 * {@link SimSystem#options()}), or null.
 */
public record RunRequest(long seed, Optional<String> scenario, Optional<String> bug, boolean trace,
                         Optional<Path> outputDir, Object options) {

    public static RunRequest ofSeed(long seed) {
        return new RunRequest(seed, Optional.empty(), Optional.empty(), false, Optional.empty(), null);
    }

    public RunRequest withTrace(boolean on) {
        return new RunRequest(seed, scenario, bug, on, outputDir, options);
    }

    public RunRequest withScenario(String nameOrPath) {
        return new RunRequest(seed, Optional.of(nameOrPath), bug, trace, outputDir, options);
    }

    public RunRequest withBug(String name) {
        return new RunRequest(seed, scenario, Optional.of(name), trace, outputDir, options);
    }

    public RunRequest withOutputDir(Path dir) {
        return new RunRequest(seed, scenario, bug, trace, Optional.of(dir), options);
    }

    public RunRequest withOptions(Object systemOptions) {
        return new RunRequest(seed, scenario, bug, trace, outputDir, systemOptions);
    }

    /** A recording tracer named {@code name} if the user asked for a trace, else the free no-op tracer. */
    public Tracer tracer(String name) {
        return trace ? Tracer.recording(name) : Tracer.off();
    }

    /** The options object as the system's own type. */
    public <T> T options(Class<T> type, T fallback) {
        return type.isInstance(options) ? type.cast(options) : fallback;
    }
}

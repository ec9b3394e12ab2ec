package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.sysmodels.core.run.Progress;

/**
 * Shows a long run's progress as one line on the console, rewritten at most four times a second and erased when the
 * run ends. Off when the output is not a terminal (pipes, files, tests), so captured output stays clean.
 */
final class ConsoleProgress implements Progress, AutoCloseable {

    private static final long EVERY_NANOS = 250_000_000L;
    private static final long AFTER_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long start = System.nanoTime();
    private long last;
    private boolean shown;

    private ConsoleProgress(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** A progress line for {@code label} on a console, or {@link Progress#NONE}-like silence elsewhere. */
    static ConsoleProgress forConsole(PrintWriter err, String label) {
        return new ConsoleProgress(System.console() != null ? err : null, label);
    }

    @Override
    public void report(double fraction, String what) {
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < AFTER_NANOS || now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        shown = true;
        err.printf(Locale.ROOT, "\r  %s: %5.1f%% of %s ", label, 100 * Math.max(0, Math.min(1, fraction)), what);
        err.flush();
    }

    @Override
    public void close() {
        if (shown) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
    }
}

package org.sysmodels.core.trace;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a {@link TraceLog} as a readable text log, one event per line in recording order:
 * {@code 0.001234567 s  nvme controller/sq1  instant  doorbell  tail=3}. For reading in a terminal or diffing runs.
 */
public final class TextLogWriter {

    private TextLogWriter() {
    }

    public static void write(TraceLog log, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(log, w);
        }
    }

    public static void write(TraceLog log, Writer w) throws IOException {
        int width = log.tracks().stream().mapToInt(t -> label(t).length()).max().orElse(10);
        w.write("# trace " + log.name() + ": " + log.events().size() + " events"
                + (log.dropped() > 0 ? ", " + log.dropped() + " dropped past the limit" : "") + "\n");
        for (TraceEvent e : log.events()) {
            w.write(line(e, width));
            w.write('\n');
        }
    }

    static String line(TraceEvent e, int width) {
        String what = switch (e) {
            case TraceEvent.Begin b -> "begin    " + b.name() + args(b.args());
            case TraceEvent.End end -> "end";
            case TraceEvent.Complete c -> "slice    " + c.name() + " dur=" + c.duration() + "ns" + args(c.args());
            case TraceEvent.Instant i -> "instant  " + i.name() + args(i.args());
            case TraceEvent.Counter c -> "counter  " + c.name() + "=" + number(c.value());
            case TraceEvent.AsyncBegin a ->
                    "start    " + a.name() + " #" + ChromeTraceWriter.id(a.id()) + args(a.args());
            case TraceEvent.AsyncEnd a -> "finish   " + a.name() + " #" + ChromeTraceWriter.id(a.id());
            case TraceEvent.FlowStart f -> "flow->   " + f.name() + " #" + ChromeTraceWriter.id(f.id());
            case TraceEvent.FlowEnd f -> "->flow   " + f.name() + " #" + ChromeTraceWriter.id(f.id());
        };
        return String.format(java.util.Locale.ROOT, "%d.%09d s  %-" + width + "s  %s", e.ts() / 1_000_000_000L,
                e.ts() % 1_000_000_000L, label(e.track()), printable(what));
    }

    private static String label(Track t) {
        return printable(t.process() + "/" + t.thread());
    }

    /** Keeps one event on one line: control characters are shown as escapes. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String args(Map<String, Object> args) {
        if (args.isEmpty()) {
            return "";
        }
        return new TreeMap<>(args).entrySet().stream()
                .map(a -> a.getKey() + "=" + a.getValue())
                .collect(Collectors.joining(" ", "  ", ""));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

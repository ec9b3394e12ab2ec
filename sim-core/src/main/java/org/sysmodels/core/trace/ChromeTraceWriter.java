package org.sysmodels.core.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link TraceLog} as Chrome Trace Event Format JSON, which ui.perfetto.dev and chrome://tracing open:
 * {@code {"displayTimeUnit": "ns", "traceEvents": [...]}} with {@code ts} and {@code dur} in microseconds, written
 * exactly from the integer nanoseconds (three decimals, no floating-point rounding), process and thread names as
 * metadata (ph M), and argument keys sorted, so the same log always gives the same bytes.
 */
public final class ChromeTraceWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The category of every flow event (s, f). */
    static final String FLOW_CATEGORY = "flow";

    private ChromeTraceWriter() {
    }

    public static void write(TraceLog log, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(log, out);
        }
    }

    public static void write(TraceLog log, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ns");
            g.writeObjectFieldStart("otherData");
            g.writeStringField("trace", log.name());
            g.writeNumberField("droppedEvents", log.dropped());
            g.writeEndObject();
            g.writeArrayFieldStart("traceEvents");
            writeMetadata(log, g);
            for (TraceEvent e : log.events()) {
                writeEvent(e, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeMetadata(TraceLog log, JsonGenerator g) throws IOException {
        Map<Integer, String> processes = new LinkedHashMap<>();
        for (Track t : log.tracks()) {
            processes.putIfAbsent(t.pid(), t.process());
        }
        for (Map.Entry<Integer, String> p : processes.entrySet()) {
            metadata(g, "process_name", p.getKey(), 0, "name", p.getValue());
            metadata(g, "process_sort_index", p.getKey(), 0, "sort_index", p.getKey());
        }
        for (Track t : log.tracks()) {
            metadata(g, "thread_name", t.pid(), t.tid(), "name", t.thread());
            metadata(g, "thread_sort_index", t.pid(), t.tid(), "sort_index", t.tid());
        }
    }

    private static void metadata(JsonGenerator g, String name, int pid, int tid, String key, Object value)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        if (value instanceof Integer i) {
            g.writeNumberField(key, i);
        } else {
            g.writeStringField(key, String.valueOf(value));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeEvent(TraceEvent e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        switch (e) {
            case TraceEvent.Begin b -> {
                head(g, b.name(), "B", b);
                args(g, b.args());
            }
            case TraceEvent.End end -> head(g, null, "E", end);
            case TraceEvent.Complete c -> {
                head(g, c.name(), "X", c);
                g.writeFieldName("dur");
                g.writeNumber(micros(c.duration()));
                args(g, c.args());
            }
            case TraceEvent.Instant i -> {
                head(g, i.name(), "i", i);
                g.writeStringField("s", "t");
                args(g, i.args());
            }
            case TraceEvent.Counter c -> {
                head(g, c.name(), "C", c);
                g.writeObjectFieldStart("args");
                g.writeNumberField("value", c.value());
                g.writeEndObject();
            }
            case TraceEvent.AsyncBegin a -> {
                head(g, a.name(), "b", a);
                async(g, a.track(), a.id());
                args(g, a.args());
            }
            case TraceEvent.AsyncEnd a -> {
                head(g, a.name(), "e", a);
                async(g, a.track(), a.id());
            }
            case TraceEvent.FlowStart f -> {
                head(g, f.name(), "s", f);
                flow(g, f.id());
            }
            case TraceEvent.FlowEnd f -> {
                head(g, f.name(), "f", f);
                flow(g, f.id());
                g.writeStringField("bp", "e");
            }
        }
        g.writeEndObject();
    }

    private static void head(JsonGenerator g, String name, String ph, TraceEvent e) throws IOException {
        if (name != null) {
            g.writeStringField("name", name);
        }
        g.writeStringField("ph", ph);
        g.writeNumberField("pid", e.track().pid());
        g.writeNumberField("tid", e.track().tid());
        g.writeFieldName("ts");
        g.writeNumber(micros(e.ts()));
    }

    /** An async or flow id as this file writes it ("0xffffc00000000000"); the text log writes the same. */
    static String id(long id) {
        return "0x" + Long.toHexString(id);
    }

    private static void async(JsonGenerator g, Track track, long id) throws IOException {
        g.writeStringField("cat", track.thread());
        g.writeStringField("id", id(id));
    }

    /**
     * A flow's start and end are matched by (id, cat, name) (Perfetto's JSON importer, FlowTracker's
     * GetFlowIdForV1Event), and an arrow usually joins two tracks: the category is the same on both ends.
     */
    private static void flow(JsonGenerator g, long id) throws IOException {
        g.writeStringField("cat", FLOW_CATEGORY);
        g.writeStringField("id", id(id));
    }

    private static void args(JsonGenerator g, Map<String, Object> args) throws IOException {
        if (args.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("args");
        for (Map.Entry<String, Object> a : new TreeMap<>(args).entrySet()) {
            switch (a.getValue()) {
                case Long l -> g.writeNumberField(a.getKey(), l);
                case Integer i -> g.writeNumberField(a.getKey(), i);
                case Double d -> g.writeNumberField(a.getKey(), d);
                case Boolean b -> g.writeBooleanField(a.getKey(), b);
                default -> g.writeStringField(a.getKey(), String.valueOf(a.getValue()));
            }
        }
        g.writeEndObject();
    }

    /** Nanoseconds as exact decimal microseconds: 1234567 → "1234.567". */
    static String micros(long ns) {
        String sign = ns < 0 ? "-" : "";
        long abs = Math.abs(ns);
        long frac = abs % 1000;
        return sign + (abs / 1000) + (frac == 0 ? "" : "." + String.format(java.util.Locale.ROOT, "%03d", frac));
    }
}

package org.sysmodels.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.sysmodels.core.testing.TraceFiles;

class TracerTest {

    @TempDir
    Path dir;

    static TraceLog sample() {
        Tracer t = Tracer.recording("sample");
        Track cpu = t.track("host", "cpu0");
        Track dev = t.track("device", "queue");
        t.begin(cpu, "submit", 1_000);
        t.begin(cpu, "build command", 1_100, "cid", 7);
        t.end(cpu, 1_500);
        t.instant(cpu, "doorbell", 1_600, "tail", 3);
        t.end(cpu, 2_000);
        t.complete(dev, "fetch", 2_100, 2_400);
        t.asyncBegin(dev, "READ", 7, 2_100);
        t.asyncBegin(dev, "READ", 8, 2_200);
        t.asyncEnd(dev, "READ", 7, 9_000);
        t.asyncEnd(dev, "READ", 8, 9_500);
        t.counter(dev, "occupancy", 2_100, 2);
        t.flowStart(cpu, "cmd", 7, 1_600);
        t.flowEnd(dev, "cmd", 7, 2_100);
        t.instant(dev, "odd \"name\"\n", 9_999, Map.of("note", "quotes \" and \\ backslash"));
        return t.log();
    }

    @Test
    void chromeJsonIsValidAndNested() throws Exception {
        Path file = dir.resolve("t.json");
        ChromeTraceWriter.write(sample(), file);
        List<JsonNode> events = TraceFiles.readAndCheck(file);
        assertEquals(14, events.size());
        JsonNode first = events.get(0);
        assertEquals("submit", first.get("name").asText());
        assertEquals("1", first.get("ts").asText(), "1000 ns is exactly 1 µs");
        JsonNode build = events.get(1);
        assertEquals("1.1", build.get("ts").asText());
        assertEquals(7, build.get("args").get("cid").asInt());
    }

    @Test
    void microsecondsAreExact() {
        assertEquals("0", ChromeTraceWriter.micros(0));
        assertEquals("0.001", ChromeTraceWriter.micros(1));
        assertEquals("1234.567", ChromeTraceWriter.micros(1_234_567));
        assertEquals("9223372036854775.807", ChromeTraceWriter.micros(Long.MAX_VALUE));
    }

    @Test
    void nestingCheckRejectsOverlap() throws Exception {
        Tracer t = Tracer.recording("bad");
        Track a = t.track("p", "a");
        t.complete(a, "first", 0, 100);
        t.complete(a, "second", 50, 150);
        Path file = dir.resolve("bad.json");
        ChromeTraceWriter.write(t.log(), file);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> TraceFiles.readAndCheck(file));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void nestingCheckRejectsUnmatchedEnd() throws Exception {
        Tracer t = Tracer.recording("bad");
        Track a = t.track("p", "a");
        t.end(a, 10);
        Path file = dir.resolve("bad.json");
        ChromeTraceWriter.write(t.log(), file);
        assertThrows(AssertionFailedError.class, () -> TraceFiles.readAndCheck(file));
    }

    @Test
    void nestingCheckRejectsAFlowEndThatNoStartPairsWith() throws Exception {
        // Perfetto pairs flow ends by id, cat and name: a different category means no arrow.
        Path file = dir.resolve("flow.json");
        Files.writeString(file, """
                {"displayTimeUnit": "ns", "traceEvents": [
                 {"name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": {"name": "p"}},
                 {"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": {"name": "a"}},
                 {"name": "cmd", "ph": "s", "pid": 1, "tid": 1, "ts": 1, "cat": "a", "id": "0x7"},
                 {"name": "cmd", "ph": "f", "pid": 1, "tid": 1, "ts": 2, "cat": "b", "id": "0x7", "bp": "e"}]}
                """);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> TraceFiles.readAndCheck(file));
        assertTrue(e.getMessage().contains("flow end without a start"), e.getMessage());
    }

    @Test
    void aFlowBetweenTwoTracksIsOneArrow() throws Exception {
        Tracer t = Tracer.recording("flow");
        Track cpu = t.track("host", "cpu0");
        Track dev = t.track("device", "queue");
        t.complete(cpu, "submit", 0, 10);
        t.flowStart(cpu, "cmd", 7, 5);
        t.complete(dev, "fetch", 20, 30);
        t.flowEnd(dev, "cmd", 7, 25);
        Path file = dir.resolve("flow.json");
        ChromeTraceWriter.write(t.log(), file);
        List<JsonNode> events = TraceFiles.readAndCheck(file);
        JsonNode s = events.get(1);
        JsonNode f = events.get(3);
        assertEquals(List.of("s", "f"), List.of(s.get("ph").asText(), f.get("ph").asText()));
        assertEquals(s.get("cat"), f.get("cat"), "the viewer pairs the ends by category too");
        assertEquals(s.get("id"), f.get("id"));
        assertEquals(s.get("name"), f.get("name"));
    }

    @Test
    void sameLogSameBytes() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        ChromeTraceWriter.write(sample(), a);
        ChromeTraceWriter.write(sample(), b);
        assertEquals(-1, Files.mismatch(a, b));
    }

    @Test
    void offRecordsNothing() {
        Tracer off = Tracer.off();
        assertFalse(off.enabled());
        assertEquals("off", off.name());
        Track t = off.track("p", "t");
        off.begin(t, "x", 0);
        off.begin(t, "x", 0, "k", 1);
        off.begin(t, "x", 0, Map.of("k", 1L));
        off.end(t, 1);
        off.complete(t, "c", 0, 1);
        off.complete(t, "c", 0, 1, "k", 1);
        off.complete(t, "c", 0, 1, Map.of("k", 1L));
        off.instant(t, "y", 1);
        off.instant(t, "y", 1, "k", 2);
        off.instant(t, "y", 1, "k", 2, "j", 3);
        off.instant(t, "y", 1, Map.of("k", 1L));
        off.counter(t, "c", 1, 3);
        off.asyncBegin(t, "a", 1, 0);
        off.asyncBegin(t, "a", 1, 0, "k", 1, "j", 2);
        off.asyncBegin(t, "a", 1, 0, Map.of("k", 1L));
        off.asyncEnd(t, "a", 1, 1);
        off.flowStart(t, "f", 1, 0);
        off.flowEnd(t, "f", 1, 1);
        assertEquals(0, off.size());
        assertTrue(off.log().events().isEmpty());
        assertEquals(0, off.log().dropped());
    }

    @Test
    void aRecordingTracerSaysSoAndCountsWhatItKept() {
        Tracer t = Tracer.recording("nvme-qd32");
        assertTrue(t.enabled());
        assertEquals("nvme-qd32", t.name());
        assertEquals("nvme-qd32", t.log().name());
        Track k = t.track("p", "t");
        t.complete(k, "io", 1_000, 4_500);
        t.instant(k, "x", 5_000);
        assertEquals(2, t.size());
        assertEquals(new TraceEvent.Complete(k, 1_000, 3_500, "io", Map.of()), t.log().events().get(0));
        assertEquals(Tracer.DEFAULT_MAX_EVENTS, 200_000);
    }

    @Test
    void limitDropsAndCounts() {
        Tracer t = Tracer.recording("small", 3);
        Track k = t.track("p", "t");
        for (int i = 0; i < 10; i++) {
            t.instant(k, "e", i);
        }
        assertEquals(3, t.log().events().size());
        assertEquals(7, t.log().dropped());
    }

    @Test
    void tracksGetStableIds() {
        Tracer t = Tracer.recording("ids");
        Track a = t.track("host", "cpu0");
        Track b = t.track("device", "sq1");
        Track c = t.track("host", "cpu1");
        assertEquals(new Track(1, 1, "host", "cpu0"), a);
        assertEquals(new Track(2, 1, "device", "sq1"), b);
        assertEquals(new Track(1, 2, "host", "cpu1"), c);
        assertEquals(a, t.track("host", "cpu0"));
    }

    @Test
    void textLogHasOneLinePerEvent() throws Exception {
        StringWriter w = new StringWriter();
        TextLogWriter.write(sample(), w);
        String[] lines = w.toString().split("\n");
        assertEquals(15, lines.length, w.toString());
        assertTrue(lines[2].startsWith("0.000001100 s  host/cpu0"), lines[2]);
        assertTrue(lines[2].endsWith("begin    build command  cid=7"), lines[2]);
    }
}

package org.sysmodels.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.testing.TraceFiles;

/**
 * The exact bytes of both trace formats. The JSON follows Google's Trace Event Format, which ui.perfetto.dev opens:
 * one object per event with {@code ph} (B, E, X, i, C, b, e, s, f; M for metadata), {@code pid}/{@code tid},
 * {@code ts} (and {@code dur}) in microseconds with the nanoseconds as three exact decimals, {@code args} with sorted
 * keys, async and flow events with {@code cat} and a hex {@code id} (one category for every flow, since a viewer
 * pairs a flow's ends by id, category and name); process and thread names and sort order as
 * metadata events ({@code process_name}, {@code process_sort_index}, {@code thread_name}, {@code thread_sort_index})
 * before the events; the trace's name and the count of events dropped past the window in {@code otherData}.
 */
class ChromeTraceWriterTest {

    @TempDir
    Path dir;

    /** One event of every kind, on three tracks in two processes; argument maps of every value type. */
    static TraceLog everyKind() {
        Tracer t = Tracer.recording("demo", 100);
        Track cpu = t.track("host", "cpu0");
        Track cpu1 = t.track("host", "cpu1");
        Track sq = t.track("device", "sq1");
        t.begin(cpu, "submit", 1_000, "cid", 7);
        t.end(cpu, 2_500);
        t.complete(sq, "fetch", 2_100, 2_400, "bytes", 4096);
        t.complete(sq, "dma", 2_400, 3_000);
        t.instant(cpu1, "doorbell", 1_600, "tail", 3, "sq", 1);
        t.counter(sq, "occupancy", 2_100, 2.5);
        t.asyncBegin(sq, "READ", 255, 2_100, "lba", 8, "blocks", 1);
        t.asyncEnd(sq, "READ", 255, 9_000);
        t.flowStart(cpu, "cmd", 7, 1_600);
        t.flowEnd(sq, "cmd", 7, 2_100);
        Map<String, Object> mixed = new TreeMap<>(Map.of("s", "text", "b", true, "d", 0.5, "i", 3, "l", 4L,
                "o", List.of(1)));
        t.begin(cpu, "mixed", 10_001, mixed);
        t.end(cpu, 10_002);
        t.complete(cpu1, "work", 20_000, 20_000, Map.of("k", -1L));
        t.instant(cpu1, "tick", 30_000);
        t.instant(cpu1, "tock", 30_000, "n", 1);
        t.instant(cpu1, "map", 30_000, Map.of("why", "because"));
        t.asyncBegin(cpu1, "job", 0x1234abcdL, 40_000);
        t.asyncEnd(cpu1, "job", 0x1234abcdL, 41_000);
        t.asyncBegin(cpu1, "job2", 1, 40_000, Map.of("q", 2L));
        t.asyncEnd(cpu1, "job2", 1, 41_000);
        t.begin(cpu1, "plain", 50_000);
        t.end(cpu1, 50_001);
        return t.log();
    }

    static final String METADATA = String.join(",",
            "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"host\"}}",
            "{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"sort_index\":1}}",
            "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":2,\"tid\":0,\"args\":{\"name\":\"device\"}}",
            "{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":2,\"tid\":0,\"args\":{\"sort_index\":2}}",
            "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"cpu0\"}}",
            "{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"sort_index\":1}}",
            "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":2,\"args\":{\"name\":\"cpu1\"}}",
            "{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":2,\"args\":{\"sort_index\":2}}",
            "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":2,\"tid\":1,\"args\":{\"name\":\"sq1\"}}",
            "{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":2,\"tid\":1,\"args\":{\"sort_index\":1}}");

    static final String EVENTS = String.join(",",
            "{\"name\":\"submit\",\"ph\":\"B\",\"pid\":1,\"tid\":1,\"ts\":1,\"args\":{\"cid\":7}}",
            "{\"ph\":\"E\",\"pid\":1,\"tid\":1,\"ts\":2.500}",
            "{\"name\":\"fetch\",\"ph\":\"X\",\"pid\":2,\"tid\":1,\"ts\":2.100,\"dur\":0.300,\"args\":{\"bytes\":4096}}",
            "{\"name\":\"dma\",\"ph\":\"X\",\"pid\":2,\"tid\":1,\"ts\":2.400,\"dur\":0.600}",
            "{\"name\":\"doorbell\",\"ph\":\"i\",\"pid\":1,\"tid\":2,\"ts\":1.600,\"s\":\"t\","
                    + "\"args\":{\"sq\":1,\"tail\":3}}",
            "{\"name\":\"occupancy\",\"ph\":\"C\",\"pid\":2,\"tid\":1,\"ts\":2.100,\"args\":{\"value\":2.5}}",
            "{\"name\":\"READ\",\"ph\":\"b\",\"pid\":2,\"tid\":1,\"ts\":2.100,\"cat\":\"sq1\",\"id\":\"0xff\","
                    + "\"args\":{\"blocks\":1,\"lba\":8}}",
            "{\"name\":\"READ\",\"ph\":\"e\",\"pid\":2,\"tid\":1,\"ts\":9,\"cat\":\"sq1\",\"id\":\"0xff\"}",
            "{\"name\":\"cmd\",\"ph\":\"s\",\"pid\":1,\"tid\":1,\"ts\":1.600,\"cat\":\"flow\",\"id\":\"0x7\"}",
            "{\"name\":\"cmd\",\"ph\":\"f\",\"pid\":2,\"tid\":1,\"ts\":2.100,\"cat\":\"flow\",\"id\":\"0x7\","
                    + "\"bp\":\"e\"}",
            "{\"name\":\"mixed\",\"ph\":\"B\",\"pid\":1,\"tid\":1,\"ts\":10.001,"
                    + "\"args\":{\"b\":true,\"d\":0.5,\"i\":3,\"l\":4,\"o\":\"[1]\",\"s\":\"text\"}}",
            "{\"ph\":\"E\",\"pid\":1,\"tid\":1,\"ts\":10.002}",
            "{\"name\":\"work\",\"ph\":\"X\",\"pid\":1,\"tid\":2,\"ts\":20,\"dur\":0,\"args\":{\"k\":-1}}",
            "{\"name\":\"tick\",\"ph\":\"i\",\"pid\":1,\"tid\":2,\"ts\":30,\"s\":\"t\"}",
            "{\"name\":\"tock\",\"ph\":\"i\",\"pid\":1,\"tid\":2,\"ts\":30,\"s\":\"t\",\"args\":{\"n\":1}}",
            "{\"name\":\"map\",\"ph\":\"i\",\"pid\":1,\"tid\":2,\"ts\":30,\"s\":\"t\",\"args\":{\"why\":\"because\"}}",
            "{\"name\":\"job\",\"ph\":\"b\",\"pid\":1,\"tid\":2,\"ts\":40,\"cat\":\"cpu1\",\"id\":\"0x1234abcd\"}",
            "{\"name\":\"job\",\"ph\":\"e\",\"pid\":1,\"tid\":2,\"ts\":41,\"cat\":\"cpu1\",\"id\":\"0x1234abcd\"}",
            "{\"name\":\"job2\",\"ph\":\"b\",\"pid\":1,\"tid\":2,\"ts\":40,\"cat\":\"cpu1\",\"id\":\"0x1\","
                    + "\"args\":{\"q\":2}}",
            "{\"name\":\"job2\",\"ph\":\"e\",\"pid\":1,\"tid\":2,\"ts\":41,\"cat\":\"cpu1\",\"id\":\"0x1\"}",
            "{\"name\":\"plain\",\"ph\":\"B\",\"pid\":1,\"tid\":2,\"ts\":50}",
            "{\"ph\":\"E\",\"pid\":1,\"tid\":2,\"ts\":50.001}");

    @Test
    void everyKindOfEventHasExactlyTheFieldsOfTheTraceEventFormat() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceWriter.write(everyKind(), out);
        String expected = "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"trace\":\"demo\",\"droppedEvents\":0},"
                + "\"traceEvents\":[" + METADATA + "," + EVENTS + "]}";
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFileInADirectoryNotYetMadeIsWrittenAndReadsBackClean() throws Exception {
        Path file = dir.resolve("runs/today/t.json");
        ChromeTraceWriter.write(everyKind(), file);
        List<JsonNode> events = TraceFiles.readAndCheck(file);
        assertEquals(22, events.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceWriter.write(everyKind(), out);
        assertEquals(-1, Files.mismatch(file, writeTo(dir.resolve("again.json"), out.toByteArray())),
                "the file holds exactly what the stream gets");
    }

    private static Path writeTo(Path file, byte[] bytes) throws Exception {
        Files.write(file, bytes);
        return file;
    }

    @Test
    void droppedEventsAreCountedInOtherData() throws Exception {
        Tracer t = Tracer.recording("small", 2);
        Track k = t.track("p", "t");
        for (int i = 0; i < 5; i++) {
            t.instant(k, "e", i * 1000L);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceWriter.write(t.log(), out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertEquals("small", root.get("otherData").get("trace").asText());
        assertEquals(3, root.get("otherData").get("droppedEvents").asLong());
        assertEquals(2 + 4, root.get("traceEvents").size(), "two events after four metadata events");
    }

    @Test
    void anEmptyLogIsAValidEmptyTrace() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceWriter.write(Tracer.off().log(), out);
        assertEquals("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"trace\":\"off\",\"droppedEvents\":0},"
                + "\"traceEvents\":[]}", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void microsecondsAreExactIncludingNegativeDurations() {
        assertEquals("0", ChromeTraceWriter.micros(0));
        assertEquals("0.001", ChromeTraceWriter.micros(1));
        assertEquals("0.999", ChromeTraceWriter.micros(999));
        assertEquals("1", ChromeTraceWriter.micros(1000));
        assertEquals("1.010", ChromeTraceWriter.micros(1010));
        assertEquals("-0.001", ChromeTraceWriter.micros(-1));
        assertEquals("-1.500", ChromeTraceWriter.micros(-1500));
        assertEquals("-2", ChromeTraceWriter.micros(-2000));
        assertEquals("9223372036854775.807", ChromeTraceWriter.micros(Long.MAX_VALUE));
    }

    @Test
    void theTextLogHasOneExactLinePerEvent() throws Exception {
        StringWriter w = new StringWriter();
        TextLogWriter.write(everyKind(), w);
        String expected = """
                # trace demo: 22 events
                0.000001000 s  host/cpu0   begin    submit  cid=7
                0.000002500 s  host/cpu0   end
                0.000002100 s  device/sq1  slice    fetch dur=300ns  bytes=4096
                0.000002400 s  device/sq1  slice    dma dur=600ns
                0.000001600 s  host/cpu1   instant  doorbell  sq=1 tail=3
                0.000002100 s  device/sq1  counter  occupancy=2.5
                0.000002100 s  device/sq1  start    READ #0xff  blocks=1 lba=8
                0.000009000 s  device/sq1  finish   READ #0xff
                0.000001600 s  host/cpu0   flow->   cmd #0x7
                0.000002100 s  device/sq1  ->flow   cmd #0x7
                0.000010001 s  host/cpu0   begin    mixed  b=true d=0.5 i=3 l=4 o=[1] s=text
                0.000010002 s  host/cpu0   end
                0.000020000 s  host/cpu1   slice    work dur=0ns  k=-1
                0.000030000 s  host/cpu1   instant  tick
                0.000030000 s  host/cpu1   instant  tock  n=1
                0.000030000 s  host/cpu1   instant  map  why=because
                0.000040000 s  host/cpu1   start    job #0x1234abcd
                0.000041000 s  host/cpu1   finish   job #0x1234abcd
                0.000040000 s  host/cpu1   start    job2 #0x1  q=2
                0.000041000 s  host/cpu1   finish   job2 #0x1
                0.000050000 s  host/cpu1   begin    plain
                0.000050001 s  host/cpu1   end
                """;
        assertEquals(expected, w.toString());
    }

    @Test
    void textLogCountersAreWholeWhenTheyCanBeAndDroppedEventsAreCounted() throws Exception {
        Tracer t = Tracer.recording("c", 6);
        Track k = t.track("p", "q");
        t.counter(k, "a", 0, 3.0);
        t.counter(k, "b", 1_500_000_000L, -2.0);
        t.counter(k, "c", 2, 999_999_999_999_999.0);
        t.counter(k, "d", 3, 1e15);
        t.counter(k, "e", 4, 0.25);
        t.counter(k, "f", 5, Double.NaN);
        t.counter(k, "g", 6, 1);
        t.counter(k, "h", 7, 2);
        StringWriter w = new StringWriter();
        TextLogWriter.write(t.log(), w);
        assertEquals("""
                # trace c: 6 events, 2 dropped past the limit
                0.000000000 s  p/q  counter  a=3
                1.500000000 s  p/q  counter  b=-2
                0.000000002 s  p/q  counter  c=999999999999999
                0.000000003 s  p/q  counter  d=1.0E15
                0.000000004 s  p/q  counter  e=0.25
                0.000000005 s  p/q  counter  f=NaN
                """, w.toString());
    }

    @Test
    void textLogFileIsWrittenInANewDirectoryAndControlCharactersStayOnOneLine() throws Exception {
        Tracer t = Tracer.recording("x");
        Track k = t.track("p\tq", "r\u0001");
        t.instant(k, "a\nb\rc", 0);
        Path file = dir.resolve("logs/deep/x.log");
        TextLogWriter.write(t.log(), file);
        assertEquals(List.of("# trace x: 1 events", "0.000000000 s  p\\tq/r\\u0001  instant  a\\nb\\rc"),
                Files.readAllLines(file));
    }

    @Test
    void aTextLogWithoutTracksUsesTheDefaultWidth() throws Exception {
        StringWriter w = new StringWriter();
        TextLogWriter.write(new TraceLog("none", List.of(), List.of(), 0), w);
        assertEquals("# trace none: 0 events\n", w.toString());
    }
}

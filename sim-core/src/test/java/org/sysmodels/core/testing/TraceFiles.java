package org.sysmodels.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a written Chrome/Perfetto trace file back and checks it the way a viewer would: valid JSON with a
 * {@code traceEvents} array, every event has a known phase, time and a named process and thread, B/E pairs match,
 * every slice (B/E and X) on one track nests inside or beside the others, every async begin has its end, and every
 * flow end has a start the viewer pairs it with.
 * Shared with the models' tests through sim-core's test-jar.
 */
public final class TraceFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PHASES = Set.of("B", "E", "X", "i", "C", "b", "e", "s", "f", "M");

    /** A slice as an interval of nanoseconds on a track. */
    record Interval(String name, long start, long end) {
    }

    private TraceFiles() {
    }

    /** Parses and checks the file; returns its events (without metadata) for further assertions. */
    public static List<JsonNode> readAndCheck(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        assertEquals("ns", root.path("displayTimeUnit").asText(), "displayTimeUnit");
        JsonNode events = root.get("traceEvents");
        assertTrue(events != null && events.isArray(), "traceEvents must be an array");

        Set<String> namedThreads = new HashSet<>();
        Set<Integer> namedProcesses = new HashSet<>();
        List<JsonNode> out = new ArrayList<>();
        Map<String, Deque<JsonNode>> open = new HashMap<>();
        Map<String, List<Interval>> slices = new HashMap<>();
        Map<String, Long> asyncOpen = new HashMap<>();
        Set<String> flowsStarted = new HashSet<>();

        for (JsonNode e : events) {
            String ph = e.path("ph").asText();
            assertTrue(PHASES.contains(ph), "unknown phase " + ph + " in " + e);
            int pid = e.path("pid").asInt(-1);
            int tid = e.path("tid").asInt(-1);
            String track = pid + "/" + tid;
            if (ph.equals("M")) {
                if (e.path("name").asText().equals("process_name")) {
                    namedProcesses.add(pid);
                }
                if (e.path("name").asText().equals("thread_name")) {
                    namedThreads.add(track);
                }
                continue;
            }
            out.add(e);
            assertTrue(namedProcesses.contains(pid), "process " + pid + " has no process_name before " + e);
            assertTrue(namedThreads.contains(track), "thread " + track + " has no thread_name before " + e);
            assertTrue(e.path("ts").isNumber(), "ts must be a number: " + e);
            long ts = nanos(e.get("ts"));
            assertTrue(ts >= 0, "negative ts " + e);
            switch (ph) {
                case "B" -> open.computeIfAbsent(track, k -> new ArrayDeque<>()).push(e);
                case "E" -> {
                    Deque<JsonNode> stack = open.get(track);
                    if (stack == null || stack.isEmpty()) {
                        fail("E without B on track " + track + ": " + e);
                    }
                    JsonNode b = stack.pop();
                    long start = nanos(b.get("ts"));
                    assertTrue(ts >= start, "E before its B: " + e);
                    slices.computeIfAbsent(track, k -> new ArrayList<>())
                            .add(new Interval(b.path("name").asText(), start, ts));
                }
                case "X" -> {
                    assertTrue(e.path("dur").isNumber(), "X without dur: " + e);
                    long dur = nanos(e.get("dur"));
                    assertTrue(dur >= 0, "negative dur: " + e);
                    slices.computeIfAbsent(track, k -> new ArrayList<>())
                            .add(new Interval(e.path("name").asText(), ts, ts + dur));
                }
                case "C" -> assertTrue(e.path("args").size() > 0, "counter without values: " + e);
                case "b" -> {
                    String key = asyncKey(e);
                    assertTrue(asyncOpen.putIfAbsent(key, ts) == null, "async slice opened twice: " + e);
                }
                case "e" -> {
                    Long start = asyncOpen.remove(asyncKey(e));
                    assertTrue(start != null, "async end without begin: " + e);
                    assertTrue(ts >= start, "async end before begin: " + e);
                }
                case "s" -> flowsStarted.add(flowKey(e));
                case "f" -> assertTrue(flowsStarted.contains(flowKey(e)),
                        "flow end without a start of the same id, cat and name (no arrow is drawn): " + e);
                default -> {
                }
            }
        }
        open.forEach((track, stack) -> assertTrue(stack.isEmpty(), "unclosed B slices on " + track + ": " + stack));
        assertTrue(asyncOpen.isEmpty(), "async slices never ended: " + asyncOpen.keySet());
        slices.forEach(TraceFiles::assertNested);
        return out;
    }

    /** Slices on one track must nest: each one lies inside the one below it on the stack, or after it. */
    static void assertNested(String track, List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Interval::start).thenComparing(Interval::end, Comparator.reverseOrder()));
        Deque<Interval> stack = new ArrayDeque<>();
        for (Interval cur : sorted) {
            while (!stack.isEmpty() && stack.peek().end() <= cur.start()) {
                stack.pop();
            }
            if (!stack.isEmpty() && cur.end() > stack.peek().end()) {
                fail("slices overlap without nesting on track " + track + ": " + stack.peek() + " and " + cur);
            }
            stack.push(cur);
        }
    }

    private static String asyncKey(JsonNode e) {
        return e.path("pid").asInt() + "/" + e.path("cat").asText() + "/" + e.path("name").asText() + "/"
                + e.path("id").asText();
    }

    /** Perfetto pairs a flow's ends (ph s and f) by id, category and name, whatever their tracks. */
    private static String flowKey(JsonNode e) {
        return e.path("cat").asText() + "/" + e.path("name").asText() + "/" + e.path("id").asText();
    }

    private static long nanos(JsonNode micros) {
        return new BigDecimal(micros.asText()).movePointRight(3).longValueExact();
    }
}

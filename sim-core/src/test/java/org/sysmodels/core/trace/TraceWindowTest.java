package org.sysmodels.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Past its window a tracer keeps only the ends of what it began, so every slice in the file is closed. */
class TraceWindowTest {

    private static List<String> kinds(TraceLog log) {
        return log.events().stream().map(e -> e.getClass().getSimpleName() + "@" + e.ts()).toList();
    }

    @Test
    void pastTheWindowOnlyEndsOfKeptSlicesAreKept() {
        Tracer t = Tracer.recording("w", 3);
        Track a = t.track("p", "a");
        t.begin(a, "outer", 0);              // kept (1)
        t.asyncBegin(a, "job", 7, 1);        // kept (2)
        t.instant(a, "tick", 2);             // kept (3): the window is full
        t.begin(a, "inner", 3);              // dropped
        t.instant(a, "tick", 4);             // dropped
        t.end(a, 5);                         // ends "inner": dropped
        t.asyncBegin(a, "job", 8, 6);        // dropped
        t.asyncEnd(a, "job", 8, 7);          // its begin was dropped: dropped
        t.asyncEnd(a, "job", 7, 8);          // its begin was kept: kept
        t.end(a, 9);                         // ends "outer": kept
        TraceLog log = t.log();
        assertEquals(List.of("Begin@0", "AsyncBegin@1", "Instant@2", "AsyncEnd@8", "End@9"), kinds(log));
        assertEquals(5, log.dropped());
        assertEquals(5, t.size());
    }

    @Test
    void insideTheWindowEverythingIsKeptInOrder() {
        Tracer t = Tracer.recording("w", 100);
        Track a = t.track("p", "a");
        t.asyncEnd(a, "orphan", 1, 0);
        t.flowEnd(a, "orphan", 1, 0);
        t.begin(a, "x", 1);
        t.end(a, 2);
        assertEquals(4, t.log().events().size());
        assertEquals(0, t.log().dropped());
    }

    @Test
    void everySliceBegunInsideIsClosedPastTheWindow() {
        Tracer t = Tracer.recording("w", 2);
        Track a = t.track("p", "a");
        t.begin(a, "outer", 0);
        t.begin(a, "inner", 1);              // the window is full
        t.instant(a, "lost", 2);
        t.end(a, 3);                         // closes inner: kept
        t.end(a, 4);                         // closes outer: kept
        t.end(a, 5);                         // closes nothing the tracer began: kept too (it cannot tell)
        assertEquals(List.of("Begin@0", "Begin@1", "End@3", "End@4", "End@5"), kinds(t.log()));
        assertEquals(1, t.log().dropped());
    }

    @Test
    void droppedSlicesAreCountedPerTrack() {
        Tracer t = Tracer.recording("w", 2);
        Track a = t.track("p", "a");
        Track b = t.track("p", "b");
        t.begin(a, "kept", 0);
        t.instant(b, "fill", 1);             // the window is full
        t.begin(b, "dropped", 2);
        t.end(a, 3);                         // a's slice was kept: its end is kept
        t.end(b, 4);                         // b's slice was dropped: so is its end
        assertEquals(List.of("Begin@0", "Instant@1", "End@3"), kinds(t.log()));
        assertEquals(2, t.log().dropped());
    }

    @Test
    void manyTracksPastTheWindow() {
        // Tracks created after the window filled, and a jump to the 40th track.
        Tracer t = Tracer.recording("w", 1);
        Track first = t.track("p", "t0");
        t.instant(first, "fill", 0);
        Track[] tracks = new Track[40];
        for (int i = 0; i < 40; i++) {
            tracks[i] = t.track("q", "t" + i);
        }
        t.begin(tracks[39], "late", 1);
        t.end(tracks[39], 2);
        for (int i = 0; i < 20; i++) {
            t.begin(tracks[i], "late", 3);
        }
        for (int i = 0; i < 20; i++) {
            t.end(tracks[i], 4);
        }
        t.end(tracks[25], 5);                // begun nowhere: kept
        assertEquals(List.of("Instant@0", "End@5"), kinds(t.log()));
        assertEquals(42, t.log().dropped());
    }

    @Test
    void flowsAreKeptWholeOrNotAtAll() {
        Tracer t = Tracer.recording("w", 2);
        Track a = t.track("p", "a");
        Track b = t.track("p", "b");
        t.flowStart(a, "cmd", 1, 0);         // kept
        t.flowStart(a, "cmd", 2, 1);         // kept: the window is full
        t.flowStart(a, "cmd", 3, 2);         // dropped
        t.flowEnd(b, "cmd", 3, 3);           // its start was dropped: dropped
        t.flowEnd(a, "cmd", 2, 4);           // kept (on the track of its start)
        t.flowEnd(b, "cmd", 1, 5);           // kept: an arrow joins two tracks
        t.flowEnd(b, "cmd", 1, 6);           // already ended: dropped
        assertEquals(List.of("FlowStart@0", "FlowStart@1", "FlowEnd@4", "FlowEnd@5"), kinds(t.log()));
        assertEquals(3, t.log().dropped());
    }

    @Test
    void asyncSlicesArePairedByNameAndIdAndKind() {
        Tracer t = Tracer.recording("w", 3);
        Track a = t.track("p", "a");
        t.asyncBegin(a, "read", 1, 0);       // kept
        t.flowStart(a, "read", 2, 1);        // kept
        t.asyncBegin(a, "write", 1, 2);      // kept: the window is full
        t.asyncEnd(a, "read", 2, 3);         // a flow, not an async slice, was begun with id 2: dropped
        t.flowEnd(a, "read", 1, 4);          // an async slice, not a flow, has id 1: dropped
        t.asyncEnd(a, "write", 1, 5);        // kept
        t.asyncEnd(a, "read", 1, 6);         // kept
        t.asyncEnd(a, "read", 1, 7);         // already ended: dropped
        t.flowEnd(a, "read", 2, 8);          // kept
        assertEquals(List.of("AsyncBegin@0", "FlowStart@1", "AsyncBegin@2", "AsyncEnd@5", "AsyncEnd@6",
                "FlowEnd@8"), kinds(t.log()));
        assertEquals(3, t.log().dropped());
    }
}

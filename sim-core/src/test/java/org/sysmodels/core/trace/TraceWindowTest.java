package org.sysmodels.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Past its window a tracer keeps only the ends of what it began, so every slice in the file is closed. */
class TraceWindowTest {

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
        List<String> kinds = log.events().stream().map(e -> e.getClass().getSimpleName()).toList();
        assertEquals(List.of("Begin", "AsyncBegin", "Instant", "AsyncEnd", "End"), kinds);
        assertEquals(5, log.dropped());
    }

    @Test
    void insideTheWindowEverythingIsKeptInOrder() {
        Tracer t = Tracer.recording("w", 100);
        Track a = t.track("p", "a");
        t.asyncEnd(a, "orphan", 1, 0);
        t.begin(a, "x", 1);
        t.end(a, 2);
        assertEquals(3, t.log().events().size());
        assertEquals(0, t.log().dropped());
    }
}

package org.sysmodels.core.trace;

import java.util.Map;

/**
 * One recorded trace event, in the vocabulary of the Chrome Trace Event Format that Perfetto opens (Google, "Trace
 * Event Format", the document linked from perfetto.dev/docs/getting-started/other-formats): slices (B/E, X), instants
 * (i), counters (C), async slices (b/e, paired by id, may overlap) and flow arrows (s/f). Times are virtual nanoseconds.
 */
public sealed interface TraceEvent {

    Track track();

    long ts();

    /** Opens a slice on a track; slices on one track must nest. */
    record Begin(Track track, long ts, String name, Map<String, Object> args) implements TraceEvent {
    }

    /** Closes the innermost open slice of a track. */
    record End(Track track, long ts) implements TraceEvent {
    }

    /** A whole slice at once. */
    record Complete(Track track, long ts, long duration, String name, Map<String, Object> args) implements TraceEvent {
    }

    /** A point in time: a doorbell write, a vsync. */
    record Instant(Track track, long ts, String name, Map<String, Object> args) implements TraceEvent {
    }

    /** A sampled value: a queue's occupancy. */
    record Counter(Track track, long ts, String name, double value) implements TraceEvent {
    }

    /** Opens an async slice (one per in-flight request; async slices may overlap). */
    record AsyncBegin(Track track, long ts, String name, long id, Map<String, Object> args) implements TraceEvent {
    }

    /** Closes the async slice with the same name and id. */
    record AsyncEnd(Track track, long ts, String name, long id) implements TraceEvent {
    }

    /**
     * Starts an arrow from the enclosing slice to the slice that holds the {@link FlowEnd} with the same name and id,
     * usually on another track.
     */
    record FlowStart(Track track, long ts, String name, long id) implements TraceEvent {
    }

    /** Ends an arrow. */
    record FlowEnd(Track track, long ts, String name, long id) implements TraceEvent {
    }
}

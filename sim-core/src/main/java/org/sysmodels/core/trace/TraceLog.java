package org.sysmodels.core.trace;

import java.util.List;

/**
 * What a {@link Tracer} recorded: its tracks in order of creation and its events in order of recording. {@code name}
 * becomes part of the file name when the log is written; {@code dropped} counts events past the recorder's limit.
 */
public record TraceLog(String name, List<Track> tracks, List<TraceEvent> events, long dropped) {

    public TraceLog {
        tracks = List.copyOf(tracks);
        events = List.copyOf(events);
    }
}

package org.sysmodels.core.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records typed trace events on named tracks. A tracer made with {@link #off()} records nothing: every method returns
 * at its first test, so a model calls it unguarded on its hot path as long as it passes only constants and
 * primitives (build argument maps inside {@code if (tracer.enabled())}). The overloads with one or two
 * {@code (String, long)} pairs exist so common arguments need no map at the call site.
 *
 * <p>A recording tracer keeps a window: the first {@code maxEvents} events, then only the ends of slices it already
 * began (so every slice it shows is closed), counting everything else as dropped. A long run with tracing on gives a
 * trace Perfetto opens quickly, not hundreds of megabytes; the command line raises the window with
 * {@code --trace-events}.
 */
public final class Tracer {

    /** Default window: about 10 to 20 MB of JSON, which Perfetto opens in a few seconds. */
    public static final int DEFAULT_MAX_EVENTS = 200_000;

    private static final Tracer OFF = new Tracer("off", 0, false);

    private final String name;
    private final boolean enabled;
    private final int maxEvents;
    private final List<TraceEvent> events;
    private final List<Track> tracks = new ArrayList<>();
    private final Map<String, Integer> pids = new HashMap<>();
    private final Map<String, Track> trackByKey = new HashMap<>();
    /** Per track (by index in {@link #tracks}): slices begun past the window, whose ends are dropped too. */
    private int[] droppedOpen = new int[8];
    /** Async slices and flows begun inside the window and not yet ended: their ends are kept past it. */
    private final java.util.Set<String> openAsync = new java.util.HashSet<>();
    private long dropped;

    private Tracer(String name, int maxEvents, boolean enabled) {
        this.name = name;
        this.enabled = enabled;
        this.maxEvents = maxEvents;
        this.events = enabled ? new ArrayList<>() : Collections.emptyList();
    }

    /** The tracer that records nothing. */
    public static Tracer off() {
        return OFF;
    }

    /** A recording tracer; {@code name} identifies its log (e.g. "nvme-qd32"). */
    public static Tracer recording(String name) {
        return recording(name, DEFAULT_MAX_EVENTS);
    }

    public static Tracer recording(String name, int maxEvents) {
        return new Tracer(name, maxEvents, true);
    }

    public boolean enabled() {
        return enabled;
    }

    public String name() {
        return name;
    }

    /** The track named (process, thread), created on first use. Call at set-up time, not per event. */
    public Track track(String process, String thread) {
        String key = process + '\u0000' + thread;
        Track t = trackByKey.get(key);
        if (t != null) {
            return t;
        }
        int pid = pids.computeIfAbsent(process, p -> pids.size() + 1);
        int tid = (int) tracks.stream().filter(x -> x.pid() == pid).count() + 1;
        t = new Track(pid, tid, process, thread);
        tracks.add(t);
        trackByKey.put(key, t);
        return t;
    }

    public void begin(Track track, String name, long ts) {
        if (enabled) {
            add(new TraceEvent.Begin(track, ts, name, Map.of()));
        }
    }

    public void begin(Track track, String name, long ts, String k1, long v1) {
        if (enabled) {
            add(new TraceEvent.Begin(track, ts, name, args(k1, v1)));
        }
    }

    public void begin(Track track, String name, long ts, Map<String, Object> args) {
        if (enabled) {
            add(new TraceEvent.Begin(track, ts, name, args));
        }
    }

    public void end(Track track, long ts) {
        if (enabled) {
            add(new TraceEvent.End(track, ts));
        }
    }

    public void complete(Track track, String name, long start, long end) {
        if (enabled) {
            add(new TraceEvent.Complete(track, start, end - start, name, Map.of()));
        }
    }

    public void complete(Track track, String name, long start, long end, String k1, long v1) {
        if (enabled) {
            add(new TraceEvent.Complete(track, start, end - start, name, args(k1, v1)));
        }
    }

    public void complete(Track track, String name, long start, long end, Map<String, Object> args) {
        if (enabled) {
            add(new TraceEvent.Complete(track, start, end - start, name, args));
        }
    }

    public void instant(Track track, String name, long ts) {
        if (enabled) {
            add(new TraceEvent.Instant(track, ts, name, Map.of()));
        }
    }

    public void instant(Track track, String name, long ts, String k1, long v1) {
        if (enabled) {
            add(new TraceEvent.Instant(track, ts, name, args(k1, v1)));
        }
    }

    public void instant(Track track, String name, long ts, String k1, long v1, String k2, long v2) {
        if (enabled) {
            add(new TraceEvent.Instant(track, ts, name, args(k1, v1, k2, v2)));
        }
    }

    public void instant(Track track, String name, long ts, Map<String, Object> args) {
        if (enabled) {
            add(new TraceEvent.Instant(track, ts, name, args));
        }
    }

    public void counter(Track track, String name, long ts, double value) {
        if (enabled) {
            add(new TraceEvent.Counter(track, ts, name, value));
        }
    }

    public void asyncBegin(Track track, String name, long id, long ts) {
        if (enabled) {
            add(new TraceEvent.AsyncBegin(track, ts, name, id, Map.of()));
        }
    }

    public void asyncBegin(Track track, String name, long id, long ts, String k1, long v1, String k2, long v2) {
        if (enabled) {
            add(new TraceEvent.AsyncBegin(track, ts, name, id, args(k1, v1, k2, v2)));
        }
    }

    public void asyncBegin(Track track, String name, long id, long ts, Map<String, Object> args) {
        if (enabled) {
            add(new TraceEvent.AsyncBegin(track, ts, name, id, args));
        }
    }

    public void asyncEnd(Track track, String name, long id, long ts) {
        if (enabled) {
            add(new TraceEvent.AsyncEnd(track, ts, name, id));
        }
    }

    public void flowStart(Track track, String name, long id, long ts) {
        if (enabled) {
            add(new TraceEvent.FlowStart(track, ts, name, id));
        }
    }

    public void flowEnd(Track track, String name, long id, long ts) {
        if (enabled) {
            add(new TraceEvent.FlowEnd(track, ts, name, id));
        }
    }

    /** Events recorded so far (empty when off). */
    public int size() {
        return events.size();
    }

    /** A snapshot of what was recorded. */
    public TraceLog log() {
        return new TraceLog(name, tracks, events, dropped);
    }

    private void add(TraceEvent e) {
        if (keep(e, events.size() < maxEvents)) {
            events.add(e);
        } else {
            dropped++;
        }
    }

    /** Inside the window everything is kept; past it, only the ends of slices and flows begun inside it. */
    private boolean keep(TraceEvent e, boolean inside) {
        switch (e) {
            case TraceEvent.Begin b -> {
                if (!inside) {
                    int i = index(b.track()); // first: it may replace the array
                    droppedOpen[i]++;
                }
                return inside;
            }
            case TraceEvent.End end -> {
                if (inside) {
                    return true;
                }
                int i = index(end.track());
                if (droppedOpen[i] > 0) {
                    droppedOpen[i]--;
                    return false;
                }
                return true;
            }
            case TraceEvent.AsyncBegin a -> {
                if (inside) {
                    openAsync.add(key(a.track(), a.name(), a.id(), 'b'));
                }
                return inside;
            }
            case TraceEvent.AsyncEnd a -> {
                return openAsync.remove(key(a.track(), a.name(), a.id(), 'b')) || inside;
            }
            case TraceEvent.FlowStart f -> {
                if (inside) {
                    openAsync.add(flowKey(f.name(), f.id()));
                }
                return inside;
            }
            case TraceEvent.FlowEnd f -> {
                return openAsync.remove(flowKey(f.name(), f.id())) || inside;
            }
            default -> {
                return inside;
            }
        }
    }

    private int index(Track t) {
        int i = tracks.indexOf(t);
        if (i >= droppedOpen.length) {
            droppedOpen = java.util.Arrays.copyOf(droppedOpen, Math.max(i + 1, droppedOpen.length * 2));
        }
        return i;
    }

    private static String key(Track t, String name, long id, char kind) {
        return kind + "" + t.pid() + '/' + t.tid() + '/' + name + '/' + id;
    }

    /** A flow joins two tracks: its ends are paired by name and id alone, as the viewer pairs them. */
    private static String flowKey(String name, long id) {
        return "s/" + name + '/' + id;
    }

    private static Map<String, Object> args(String k1, long v1) {
        return Map.of(k1, v1);
    }

    private static Map<String, Object> args(String k1, long v1, String k2, long v2) {
        Map<String, Object> m = new LinkedHashMap<>(4);
        m.put(k1, v1);
        m.put(k2, v2);
        return Collections.unmodifiableMap(m);
    }
}

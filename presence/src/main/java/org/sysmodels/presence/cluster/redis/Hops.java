package org.sysmodels.presence.cluster.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.sysmodels.presence.model.presence.Activity;

/**
 * Where one load update's cross-node delivery waits, hop by hop (issue 15's latency attribution): off unless the JVM
 * runs with {@code -Dpresence.hops=FILE} ({@code %p} becomes the pid), and then free of cost when off (one test of a
 * {@code static final}, which the JIT folds). The load generator stamps each update with its send time
 * ({@code "load <System.nanoTime()>/<node>"} as the activity's name); every process on one machine reads the same
 * monotonic clock ({@code CLOCK_MONOTONIC}), so each hop records the time since that send, in µs, into an
 * HdrHistogram. The difference between consecutive hops' distributions is where the time went. {@link #dump} appends
 * the histograms since the last dump to the file and starts new ones (the benchmark's node asks at the measured
 * phase's start and end). With {@code -Dpresence.hops.everyMs=N} as well, a daemon thread also dumps every N ms,
 * headed with the UTC time of day, to place a bad second of the load generator's on a hop and beside the GC logs.
 */
public final class Hops {

    /** The file the hops go to, or null: off. */
    private static final String FILE = System.getProperty("presence.hops");
    /** True when the hops are recorded. */
    public static final boolean ON = FILE != null;

    /** The hops of one update, in order. */
    public enum Hop {
        /** Node A's presence thread applies the sender's update (the engine's call into the cluster). */
        A_APPLIED,
        /** Node A's write queue issues the write.lua call that carries it. */
        A_ISSUED,
        /** Node A's Redis connection has decoded write.lua's answer (on the thread that reads the socket). */
        A_REPLIED,
        /** Node A's presence thread handles write.lua's answer (a task behind those queued before it). */
        A_ANSWERED,
        /** Node B's {@code XREAD} returns the entry (the reply is decoded, on the thread that reads the socket). */
        B_READ,
        /** Node B's presence thread starts applying the entry. */
        B_APPLYING,
        /** Node B has applied the change and handed its frames to the watchers' event loops. */
        B_APPLIED,
        /**
         * A node's event loop has written and flushed the change's PRESENCE_UPDATE frames to its watchers' sockets
         * (every delivery of the node: with 1 watcher all cross-node; with 4, also the sender's own node's).
         */
        FLUSHED
    }

    private static final Recorder[] RECORDERS = new Recorder[Hop.values().length];

    static {
        for (int i = 0; i < RECORDERS.length; i++) {
            RECORDERS[i] = new Recorder(3_600_000_000L, 2);
        }
        long every = Long.getLong("presence.hops.everyMs", 0);
        if (ON && every > 0) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(every);
                        dump(LocalTime.now(ZoneOffset.UTC).toString());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "hops-every");
            t.setDaemon(true);
            t.start();
        }
    }

    private Hops() {
    }

    /** The load generator's send time in {@code activities} (its first activity's name), or 0 if none. */
    static long sentAt(List<Activity> activities) {
        if (activities == null || activities.isEmpty()) {
            return 0;
        }
        String n = activities.getFirst().name();
        if (n == null || !n.startsWith("load ")) {
            return 0;
        }
        long v = 0;
        for (int i = 5; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Records hop {@code hop} of an update sent at {@code sentNs} as of now (nothing if {@code sentNs} is 0). */
    static void record(Hop hop, long sentNs) {
        record(hop, sentNs, System.nanoTime());
    }

    /** Records hop {@code hop} of an update sent at {@code sentNs} as of {@code atNs}. */
    static void record(Hop hop, long sentNs, long atNs) {
        if (sentNs != 0) {
            RECORDERS[hop.ordinal()].recordValue(Math.max(0, (atNs - sentNs) / 1000));
        }
    }

    /**
     * Records {@link Hop#FLUSHED} for each change whose PRESENCE_UPDATE body (a node's JSON, holding the activity
     * name {@code "load <ns>/..."}) is in {@code bodies}, then clears the list.
     */
    public static void flushed(List<byte[]> bodies) {
        long at = System.nanoTime();
        for (byte[] b : bodies) {
            record(Hop.FLUSHED, sentAt(b), at);
        }
        bodies.clear();
    }

    private static final byte[] LOAD = "\"load ".getBytes(StandardCharsets.US_ASCII);

    /** The send time in a JSON body's {@code "load <ns>} activity name, or 0. */
    static long sentAt(byte[] body) {
        outer:
        for (int i = 0; i + LOAD.length < body.length; i++) {
            for (int j = 0; j < LOAD.length; j++) {
                if (body[i + j] != LOAD[j]) {
                    continue outer;
                }
            }
            long v = 0;
            for (int k = i + LOAD.length; k < body.length && body[k] >= '0' && body[k] <= '9'; k++) {
                v = v * 10 + (body[k] - '0');
            }
            return v;
        }
        return 0;
    }

    /** Appends the hops since the last dump to the file, headed {@code label}, and starts new histograms. */
    public static void dump(String label) {
        if (!ON) {
            return;
        }
        StringBuilder b = new StringBuilder(label).append('\n');
        b.append(String.format(Locale.ROOT, "%-11s %9s %8s %8s %8s %8s %8s %8s%n", "hop (µs)", "count", "p50",
                "p90", "p99", "p99.9", "max", "mean"));
        for (Hop h : Hop.values()) {
            Histogram x = RECORDERS[h.ordinal()].getIntervalHistogram();
            b.append(String.format(Locale.ROOT, "%-11s %9d %8d %8d %8d %8d %8d %8.0f%n", h, x.getTotalCount(),
                    x.getValueAtPercentile(50), x.getValueAtPercentile(90), x.getValueAtPercentile(99),
                    x.getValueAtPercentile(99.9), x.getMaxValue(), x.getMean()));
        }
        Path f = Path.of(FILE.replace("%p", String.valueOf(ProcessHandle.current().pid())));
        try {
            Files.writeString(f, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

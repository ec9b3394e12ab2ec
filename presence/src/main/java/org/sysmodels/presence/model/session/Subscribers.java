package org.sysmodels.presence.model.session;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sysmodels.presence.model.fanout.Outbox;
import org.sysmodels.presence.model.presence.Presence;

/**
 * {@link Subscriber} for every session slot of a simulated cluster at once: the last sequence number of each slot in
 * a flat array, the outboxes made on first use (only slow or detached sessions ever need one), the replay buffers in
 * one {@link ReplayBuffers}. Same behaviour as one {@code Subscriber} per session (a property test holds them in
 * lockstep), without an object per session: millions of sessions fit in the heap, and a delivery reads arrays
 * instead of following references.
 */
public final class Subscribers {

    private final Supplier<Outbox> outboxes;
    private final ReplayBuffers replays;
    private byte[] open;
    private long[] seq;
    private Outbox[] outbox;

    public Subscribers(Supplier<Outbox> outboxes, ReplayBuffers replays, int expectedSessions) {
        this.outboxes = outboxes;
        this.replays = replays;
        int n = Math.max(16, expectedSessions);
        open = new byte[n];
        seq = new long[n];
        outbox = new Outbox[n];
    }

    private void ensure(int s) {
        if (s >= open.length) {
            int n = Math.max(open.length * 2, s + 1);
            open = Arrays.copyOf(open, n);
            seq = Arrays.copyOf(seq, n);
            outbox = Arrays.copyOf(outbox, n);
        }
    }

    /** A new session in slot {@code s}: nothing sent, nothing pending, nothing kept. */
    public void open(int s) {
        ensure(s);
        open[s] = 1;
        seq[s] = 0;
        outbox[s] = null;
        replays.clear(s);
    }

    /** The session in slot {@code s} ended: its state is dropped. */
    public void close(int s) {
        if (s < open.length) {
            open[s] = 0;
            outbox[s] = null;
            replays.clear(s);
        }
    }

    /** True while slot {@code s} holds a session (opened and not closed). */
    public boolean isOpen(int s) {
        return s >= 0 && s < open.length && open[s] == 1;
    }

    /** Slots so far (every opened slot is below this). */
    public int capacity() {
        return open.length;
    }

    /** The last sequence number handed out to {@code s} (0 before the first dispatch). */
    public long seq(int s) {
        return seq[s];
    }

    /** True when nothing waits to be sent to {@code s} (without making an outbox). */
    public boolean nothingPending(int s) {
        Outbox box = outbox[s];
        return box == null || box.isEmpty();
    }

    /** The outbox of {@code s} (made on first use). */
    public Outbox outbox(int s) {
        Outbox box = outbox[s];
        if (box == null) {
            box = outboxes.get();
            outbox[s] = box;
        }
        return box;
    }

    /** Stamps {@code p} with the next sequence number of {@code s}, keeps it for replay, and returns the number. */
    public long send(int s, Presence p, int via) {
        long n = ++seq[s];
        replays.sent(s, n, p, via);
        return n;
    }

    /** Sends the next pending presence of {@code s} ({@link #send}) and returns it, or null when none is pending. */
    public Presence sendPending(int s) {
        Outbox box = outbox[s];
        if (box == null) {
            return null;
        }
        Presence p = box.poll();
        if (p != null) {
            send(s, p, box.polledVia());
        }
        return p;
    }

    /** Whether a Resume of {@code s} from {@code clientSeq} can be honoured. */
    public ResumeCheck check(int s, long clientSeq) {
        return ResumeCheck.of(clientSeq, seq[s], replays.evictedUpTo(s));
    }

    /** As {@link Subscriber#resume}: checks, then replays the kept dispatches after it and every pending presence. */
    public ResumeCheck resume(int s, long clientSeq, Consumer<Dispatch> out) {
        ResumeCheck check = check(s, clientSeq);
        if (check != ResumeCheck.OK) {
            return check;
        }
        replays.replayAfter(s, clientSeq, out);
        Outbox box = outbox[s];
        for (Presence p = box == null ? null : box.poll(); p != null; p = box.poll()) {
            long n = send(s, p, box.polledVia());
            out.accept(new Dispatch(n, p, box.polledVia()));
        }
        return check;
    }
}

package org.sysmodels.presence.model.session;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sysmodels.presence.model.fanout.Outbox;
import org.sysmodels.presence.model.presence.Presence;

/**
 * A gateway node's side of one session: the sequence numbers it has handed out ({@code s} of each dispatch), the
 * dispatches kept for replay, and what is waiting to be sent (the {@link Outbox}: while the connection cannot take
 * more, or while the session is detached, newer presences replace older ones there).
 *
 * <p>Resume (gateway.mdx "Resuming"): {@link #resume} replays the kept dispatches after the client's seq, in order,
 * then sends what accumulated while the session was detached, each with the next sequence number; the caller then
 * sends RESUMED.
 */
public final class Subscriber {

    private final int session;
    private final Supplier<Outbox> outboxes;
    private final Supplier<ReplayBuffer> replays;
    private Outbox outbox;
    private ReplayBuffer replay;
    private long seq;

    public Subscriber(int session, Outbox outbox, ReplayBuffer replay) {
        this(session, () -> outbox, () -> replay);
    }

    /** A subscriber that makes its outbox and replay buffer when first needed (millions of idle sessions). */
    public Subscriber(int session, Supplier<Outbox> outboxes, Supplier<ReplayBuffer> replays) {
        this.session = session;
        this.outboxes = outboxes;
        this.replays = replays;
    }

    public int session() {
        return session;
    }

    /** The outbox (made on first use). */
    public Outbox outbox() {
        if (outbox == null) {
            outbox = outboxes.get();
        }
        return outbox;
    }

    /** True when nothing waits to be sent (without making an outbox). */
    public boolean nothingPending() {
        return outbox == null || outbox.isEmpty();
    }

    /** The replay buffer (made on first use). */
    public ReplayBuffer replay() {
        if (replay == null) {
            replay = replays.get();
        }
        return replay;
    }

    /** The last sequence number handed out (0 before the first dispatch). */
    public long seq() {
        return seq;
    }

    /**
     * Goes on from a client's {@code clientSeq} when the numbering that came before is not here (a session taken
     * over from another node): the next dispatch is {@code clientSeq + 1}, as the client expects after a Resume.
     */
    public void continueAfter(long clientSeq) {
        if (clientSeq < seq) {
            throw new IllegalArgumentException("seq " + clientSeq + " is below the last sent, " + seq);
        }
        seq = clientSeq;
    }

    /** The next sequence number, for a dispatch that is not a presence (READY, RESUMED). */
    public long nextSeq() {
        return ++seq;
    }

    /** Stamps {@code p} with the next sequence number and keeps it for replay. */
    public Dispatch send(Presence p, int via) {
        Dispatch d = new Dispatch(++seq, p, via);
        replay().sent(d);
        return d;
    }

    /** Takes the next pending presence, stamped and kept, or null when none is pending. */
    public Dispatch sendPending() {
        if (outbox == null) {
            return null;
        }
        Presence p = outbox.poll();
        return p == null ? null : send(p, outbox.polledVia());
    }

    /**
     * A Resume with the client's last {@code clientSeq}: checks it ({@link ResumeCheck}); if OK, replays the kept
     * dispatches after it and then every pending presence, in sequence order, into {@code out}.
     */
    public ResumeCheck resume(long clientSeq, Consumer<Dispatch> out) {
        ResumeCheck check = ResumeCheck.of(clientSeq, seq, replay());
        if (check != ResumeCheck.OK) {
            return check;
        }
        replay().replayAfter(clientSeq, out);
        for (Dispatch d = sendPending(); d != null; d = sendPending()) {
            out.accept(d);
        }
        return check;
    }
}

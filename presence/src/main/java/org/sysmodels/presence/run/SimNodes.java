package org.sysmodels.presence.run;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.presence.host.Gateway;
import org.sysmodels.presence.host.SimClients;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.fanout.Outbox;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.session.ResumeCheck;
import org.sysmodels.presence.model.session.Subscribers;
import org.sysmodels.presence.model.store.PresenceStore;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * The simulated gateway nodes: what clients send goes to the presence core (the in-process cluster); what the core
 * fans out arrives per node after the backbone delay (one message per node per change, in order per node, as over
 * one TCP link) and is written to each session, or queued in the session's outbox when its connection is slow or
 * detached. Each write reaches the client one link delay later; end-to-end latency runs from the client's Presence
 * Update to that moment.
 */
final class SimNodes implements Gateway, NodeSink {

    private final Scheduler sched;
    private final PresenceScenario sc;
    private final RandomStream rnd;
    private final PresenceObserver observer;
    private final IntPredicate sampled;
    private final LatencyHistogram latency;
    private final Tracer tracer;
    private final Track[] nodeTracks;
    private PresenceCore core;
    private SimClients clients;

    /**
     * The node's own words in each session's record ({@link Subscribers#word}): flags and writes in the window. The
     * words every delivery reads come first ({@link #HOT_WORDS}: the flags and the window's start), so that together
     * with the sequence number and the replay ring's guilds before them they span 40 of the record's 56 bytes, and
     * a record lies on one cache line more often (half of the eight placements of a 40-byte span on 8-byte steps,
     * against three of eight for the 48 bytes when the window's start came third).
     */
    private static final int META = 0;
    /** When the current link-delay window of writes began. */
    private static final int WINDOW_START = 1;
    /** The words a delivery to a session that is not slow reads: {@link Subscribers#touch} reads ahead up to here. */
    private static final int HOT_WORDS = 2;
    /** When a slow session can take its next write. */
    private static final int NEXT_WRITABLE = 2;
    /** The last sequence number the client had when its connection broke. */
    private static final int CLIENT_SEQ = 3;
    private static final int WORDS = 4;
    private static final long ATTACHED = 1;
    private static final long SLOW = 2;
    private static final long DRAINING = 4;
    private static final int WRITES_SHIFT = 32;

    private final Subscribers subs;
    private final long[] lastArrival;
    private final Action onDrain = this::drain;
    private final NodeMessages inFlight;
    private final Action onArrive = this::arrive;
    private boolean replica;
    /** Sessions opened so far, and each slot's number in that count when it was last opened (see {@link #arrive}). */
    private long opens;
    private long[] openedAs;

    long deliveries;
    long nodeMessages;
    /** What {@link Subscribers#touch} read (kept so the reads happen). */
    long touched;
    long queued;
    long resumeOk;
    long resumeInvalid;
    long maxPending;

    /**
     * @param expected the session slots this node side will hold: its shard's share of the run's (one shard's slots
     *                 are numbered from 0, so the records past that share would never be used)
     */
    SimNodes(Scheduler sched, PresenceScenario sc, RandomStream rnd, PresenceObserver observer, SimParts parts,
             IntPredicate sampled, LatencyHistogram latency, Tracer tracer, int expected) {
        this.sched = sched;
        this.sc = sc;
        this.rnd = rnd;
        this.observer = observer;
        this.subs = parts.replay() == SimParts.Replays.RINGS
                ? Subscribers.withRings(parts.outbox(), sc.replay(), expected, WORDS)
                : new Subscribers(parts.outbox(), parts.replay().make(sc.replay(), expected), expected, WORDS);
        this.sampled = sampled;
        this.latency = latency;
        this.tracer = tracer;
        this.lastArrival = new long[sc.nodes()];
        this.inFlight = new NodeMessages(sc.nodes());
        this.openedAs = new long[Math.max(1024, expected)];
        this.nodeTracks = new Track[sc.nodes()];
        for (int n = 0; n < sc.nodes() && tracer.enabled(); n++) {
            nodeTracks[n] = tracer.track("gateway nodes", "node " + n);
        }
    }

    void attach(PresenceCore c, SimClients cl) {
        this.core = c;
        this.clients = cl;
    }

    private boolean attached(int s) {
        return (subs.word(s, META) & ATTACHED) != 0;
    }

    private void attached(int s, boolean on) {
        long m = subs.word(s, META);
        subs.word(s, META, on ? m | ATTACHED : m & ~ATTACHED);
    }

    /** A session that exists from the start (warm cluster): its node-side state and its starting view. */
    void opened(int s) {
        if (s >= openedAs.length) {
            openedAs = Arrays.copyOf(openedAs, Math.max(openedAs.length * 2, s + 1));
        }
        openedAs[s] = ++opens;
        subs.open(s);
        subs.word(s, META, ATTACHED | (rnd.chance(sc.slowFraction()) ? SLOW : 0));
        subs.word(s, NEXT_WRITABLE, 0);
        subs.word(s, WINDOW_START, Long.MIN_VALUE / 2);
        if (sampled.test(s)) {
            snapshot(s);
        }
    }

    /** What READY and GUILD_CREATE would show a sampled session: the published presence of everyone it watches. */
    private void snapshot(int s) {
        PresenceStore st = core.store();
        int user = st.user(s);
        long now = sched.now();
        for (int i = 0; i < st.friendCount(user); i++) {
            observer.snapshot(s, core.presence(st.friend(user, i)), now);
        }
        for (int i = 0; i < st.membershipCount(user); i++) {
            int g = st.guildOf(user, i);
            for (int k = 0; k < st.memberCount(g); k++) {
                int m = st.member(g, k);
                if (m != user) {
                    observer.snapshot(s, core.presence(m), now);
                }
            }
        }
    }

    // ------------------------------------------------------------------ Gateway: what clients send

    @Override
    public int identify(int user, Platform platform, int node, PresenceUpdate presence) {
        int s = core.identify(user, platform, node, presence, true, sched.now());
        opened(s);
        return s;
    }

    @Override
    public void heartbeat(int session) {
        if (core.phase(session) == Phase.LIVE) {
            core.heartbeat(session, sched.now());
        }
    }

    @Override
    public void update(int session, PresenceUpdate update) {
        if (core.phase(session) == Phase.LIVE) {
            core.update(session, update, sched.now());
        }
    }

    @Override
    public void close(int session) {
        attached(session, false);
        core.end(session, sched.now());
    }

    @Override
    public void drop(int session, boolean silent) {
        attached(session, false);
        // what the client had when the connection broke: the writes of the last link delay were still on the wire
        long lost = sched.now() - subs.word(session, WINDOW_START) <= sc.link()
                ? subs.word(session, META) >>> WRITES_SHIFT : 0;
        subs.word(session, CLIENT_SEQ, Math.max(0, subs.seq(session) - lost));
        if (!silent) {
            core.detach(session, sched.now());
        }
    }

    @Override
    public boolean resume(int session, int node) {
        long now = sched.now();
        if (!subs.isOpen(session) || core.phase(session) != Phase.DETACHED) {
            resumeInvalid++;
            return false;
        }
        long clientSeq = subs.word(session, CLIENT_SEQ);
        ResumeCheck check = subs.check(session, clientSeq);
        if (check != ResumeCheck.OK) {
            resumeInvalid++;
            core.end(session, now);
            return false;
        }
        core.resume(session, node, now);
        attached(session, true);
        observer.resumed(session, clientSeq, now);
        subs.resume(session, clientSeq, d -> written(session, d.seq(), d.presence(), now));
        resumeOk++;
        return true;
    }

    @Override
    public int user(int session) {
        return core.store().user(session);
    }

    // ------------------------------------------------------------------ NodeSink: what the cluster sends nodes

    /**
     * Marks the fan-outs that follow as coming from another shard's presence cluster: their message has already
     * spent {@code backboneMin} between the shards, so only the spread above it is drawn here.
     */
    void replica(boolean on) {
        replica = on;
    }

    @Override
    public void deliver(int node, Presence presence, int[] sessions, int[] via, int count) {
        // backboneMin + U[0, 1) × 2 (backbone − backboneMin); with backboneMin 0 the same draw and product as ever
        long spread = 2 * (sc.backbone() - sc.backboneMin());
        long delay = sc.backbone() == 0 ? 0 : (replica ? 0 : sc.backboneMin()) + (long) (rnd.nextDouble() * spread);
        long at = Math.max(lastArrival[node], sched.now() + delay);
        lastArrival[node] = at;
        nodeMessages++;
        inFlight.add(node, presence, sessions, via, count, opens);
        sched.at(at, onArrive, node);
    }

    /**
     * A node message arrives (the oldest one on its way to {@code node}: see {@link NodeMessages}). A session slot
     * that ended and was opened again for a new session while the message was on its way is not the session the
     * cluster meant (a real gateway addresses sessions by an id never reused): it is skipped, found by its opening
     * number being later than the last opening before the message left.
     */
    private void arrive(long nodeArg) {
        int node = (int) nodeArg;
        NodeMessages m = inFlight;
        m.take(node);
        Presence p = m.presence();
        int[] sessions = m.sessions();
        int[] via = m.via();
        int count = m.count();
        long stamp = m.stamp();
        boolean reopened = opens != stamp;
        long now = sched.now();
        if (tracer.enabled()) {
            tracer.complete(nodeTracks[node], "fan-out user " + p.user(), now, now + 1, "sessions", count);
        }
        touched += subs.touch(sessions, count, HOT_WORDS);
        int writes = 0;
        observer.arriving(sessions, count, now);
        for (int i = 0; i < count; i++) {
            int s = sessions[i];
            // open here ⇔ the core has the session: the core frees a slot only through ended(), which closes it here,
            // and identify() opens it here before anything can arrive for it
            if (!subs.isOpen(s) || reopened && openedAs[s] > stamp) {
                continue;
            }
            long meta = subs.word(s, META);
            if ((meta & ATTACHED) != 0 && subs.nothingPending(s)
                    && ((meta & SLOW) == 0 || subs.word(s, NEXT_WRITABLE) <= now)) {
                write(s, subs.send(s, p, via[i]), p, now);
                writes++;
            } else {
                Outbox box = subs.outbox(s);
                box.offer(p, via[i]);
                queued++;
                maxPending = Math.max(maxPending, box.size());
                observer.queued(s, p, box.pendingFor(p.user()), box.size(), now);
                if ((meta & ATTACHED) != 0) {
                    scheduleDrain(s, now);
                }
            }
        }
        if (writes > 0) {
            // every write of one message has the same latency: one histogram step for all of them
            latency.record(now - p.at() + 2 * sc.link(), writes);
        }
    }

    /** A write of {@code p} to {@code s}, with its end-to-end latency. */
    private void written(int s, long seq, Presence p, long now) {
        write(s, seq, p, now);
        latency.record(now - p.at() + 2 * sc.link());
    }

    /** A write of {@code p} to {@code s}; the caller records its latency. */
    private void write(int s, long seq, Presence p, long now) {
        deliveries++;
        long meta = subs.word(s, META);
        if (now - subs.word(s, WINDOW_START) > sc.link()) {
            subs.word(s, WINDOW_START, now);
            meta &= (1L << WRITES_SHIFT) - 1;
        }
        subs.word(s, META, meta + (1L << WRITES_SHIFT));
        if ((meta & SLOW) != 0) {
            subs.word(s, NEXT_WRITABLE, now + sc.slowWriteEvery());
        }
        observer.dispatched(s, seq, p, now);
    }

    private void scheduleDrain(int s, long now) {
        long meta = subs.word(s, META);
        if ((meta & DRAINING) == 0) {
            subs.word(s, META, meta | DRAINING);
            sched.at(Math.max(now, subs.word(s, NEXT_WRITABLE)), onDrain, s);
        }
    }

    private void drain(long arg) {
        int s = (int) arg;
        long meta = subs.word(s, META) & ~DRAINING;
        subs.word(s, META, meta);
        if (!subs.isOpen(s) || (meta & ATTACHED) == 0) {
            return;
        }
        long now = sched.now();
        Presence p = subs.sendPending(s);
        if (p != null) {
            written(s, subs.seq(s), p, now);
        }
        if (!subs.nothingPending(s)) {
            scheduleDrain(s, now);
        }
    }

    @Override
    public void heartbeatMissed(int node, int session) {
        attached(session, false);
    }

    @Override
    public void ended(int node, int session) {
        attached(session, false);
        subs.close(session);
        clients.ended(session);
    }

    /** Session slots the node side holds records for (sized for its shard's share, grown on demand). */
    int sessionCapacity() {
        return subs.capacity();
    }

    /** Sessions with presences still waiting. */
    long pendingSessions() {
        long n = 0;
        for (int s = 0; s < subs.capacity(); s++) {
            if (subs.isOpen(s) && !subs.nothingPending(s)) {
                n++;
            }
        }
        return n;
    }
}

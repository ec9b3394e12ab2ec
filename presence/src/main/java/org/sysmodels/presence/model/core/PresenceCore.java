package org.sysmodels.presence.model.core;

import org.sysmodels.presence.model.aggregate.Aggregator;
import org.sysmodels.presence.model.cluster.ClusterBackend;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.expiry.ExpiryQueue;
import org.sysmodels.presence.model.fanout.NodeBatches;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.PresenceView;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.session.SessionEvent;
import org.sysmodels.presence.model.session.SessionLifecycle;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * The presence service's state machine, and the in-process {@link ClusterBackend}: sessions and their liveness on an
 * {@link ExpiryQueue}, what each session set, the aggregated presence of each user ({@link Aggregator}), and the
 * fan-out of every change to the sessions that watch the user, grouped per gateway node ({@link NodeBatches}).
 *
 * <p>Who watches whom: a user's friends, and the members of each guild the user is in whose session asked for guild
 * presences (the GUILD_PRESENCES intent, 1 &lt;&lt; 8, gateway.mdx "Gateway Intents"); never the user's own sessions.
 * A session reached through several relations gets one entry per change (the first relation: friend, then guilds in
 * order). A change that does not alter what others see (same status, platforms and activities) is not published.
 *
 * <p>Pure and single-threaded: time comes in as arguments, nothing here reads a clock or does I/O. The simulation
 * drives it from the scheduler; the real gateway drives it from one thread.
 */
public final class PresenceCore implements ClusterBackend {

    /** A session's word: its phase (ordinal + 1; 0 = no session in the slot), the intent flag, the dedupe stamp. */
    private static final int PHASE_MASK = 0x7;
    private static final int FLAG_GUILD_PRESENCES = 0x8;
    private static final int STAMP_SHIFT = 4;
    /** Stamps are 28 bits: past that the stamps are cleared and counting starts again. */
    private static final int STAMP_LIMIT = 1 << (32 - STAMP_SHIFT);
    /** {@code Phase.values()} once: each call of {@code values()} copies the array (a heartbeat and a delivery ask). */
    private static final Phase[] PHASES = Phase.values();

    private final PresenceStore store;
    private final Aggregator aggregator;
    private final ExpiryQueue expiry;
    private final Timeouts timeouts;
    private final NodeSink sink;
    private final PresenceObserver observer;
    private final NodeBatches batches = new NodeBatches(8);
    private final ExpiryQueue.Listener onExpired = this::expired;

    /*
     * Each session's phase, flags and the fan-out that last reached it (dedupe) share one int, the store's owner's
     * word (PresenceStore.ownerWord), kept in the store's record beside the link and node the fan-out reads next: the
     * fan-out's test and mark of a random session is one record, one cache miss.
     */
    private int fanouts;
    /** What {@link #touchWatchers} read (kept so the reads happen). */
    private int touched;

    public PresenceCore(PresenceStore store, Aggregator aggregator, ExpiryQueue expiry, Timeouts timeouts,
                        NodeSink sink, PresenceObserver observer) {
        this.store = store;
        this.aggregator = aggregator;
        this.expiry = expiry;
        this.timeouts = timeouts;
        this.sink = sink;
        this.observer = observer;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public PresenceStore store() {
        return store;
    }

    public ExpiryQueue expiry() {
        return expiry;
    }

    /** The phase of a session, or {@link Phase#ENDED} for a free slot. */
    public Phase phase(int session) {
        int p = session < 0 || session >= store.sessionCapacity() ? 0 : store.ownerWord(session) & PHASE_MASK;
        return p == 0 ? Phase.ENDED : PHASES[p - 1];
    }

    @Override
    public boolean exists(int session) {
        return phase(session) != Phase.ENDED;
    }

    @Override
    public Presence presence(int user) {
        return store.published(user);
    }

    @Override
    public int identify(int user, Platform platform, int node, PresenceUpdate initial, boolean guildPresences,
                        long now) {
        int s = store.openSession(user, platform, node);
        store.ownerWord(s, Phase.LIVE.ordinal() + 1 | (guildPresences ? FLAG_GUILD_PRESENCES : 0));
        long deadline = now + timeouts.heartbeatTimeoutNs();
        expiry.schedule(s, deadline);
        observer.sessionOpened(s, user, platform, node, now);
        if (initial != null) {
            store.setPresence(s, initial.status(), initial.activities(), now);
            observer.statusSet(s, user, initial.status(), now);
            republish(user, now);
        }
        return s;
    }

    /**
     * Opens a session as if restored from a snapshot of a running cluster: like {@link #identify}, but nothing is
     * published or fanned out. Call {@link #publishQuietly} for each user afterwards. (A simulation starts from a
     * warm cluster this way instead of replaying millions of identifies.)
     */
    public int restore(int user, Platform platform, int node, PresenceUpdate initial, boolean guildPresences,
                       long now) {
        int s = store.openSession(user, platform, node);
        store.ownerWord(s, Phase.LIVE.ordinal() + 1 | (guildPresences ? FLAG_GUILD_PRESENCES : 0));
        expiry.schedule(s, now + timeouts.heartbeatTimeoutNs());
        observer.sessionOpened(s, user, platform, node, now);
        if (initial != null) {
            store.setPresence(s, initial.status(), initial.activities(), now);
            observer.statusSet(s, user, initial.status(), now);
        }
        return s;
    }

    /** Publishes {@code user}'s aggregate without fanning it out (after {@link #restore}). */
    public void publishQuietly(int user, long now) {
        PresenceView view = aggregator.view(store, user);
        Presence old = store.published(user);
        if (!old.shows(view)) {
            Presence p = old.next(view, now);
            store.publish(p);
            observer.published(p);
        }
    }

    /**
     * A presence another presence cluster published for a user whose sessions it holds (a sharded simulation: each
     * shard's cluster owns some users): keeps it as this cluster's copy of the user's presence and fans it out to the
     * watchers whose sessions are here, as the owner did to its own. The replicas of one user must arrive in the order
     * the owner published them.
     */
    public void publishReplica(Presence p, long now) {
        store.publish(p);
        fanOut(p, now);
    }

    /** Keeps {@code p} as this cluster's copy of another cluster's user's presence, without fanning it out. */
    public void restoreReplica(Presence p) {
        store.publish(p);
    }

    @Override
    public void heartbeat(int session, long now) {
        transition(session, SessionEvent.HEARTBEAT, now);
        long deadline = now + timeouts.heartbeatTimeoutNs();
        expiry.extend(session, deadline);
        observer.heartbeat(session, deadline, now);
    }

    @Override
    public void update(int session, PresenceUpdate update, long now) {
        transition(session, SessionEvent.UPDATE, now);
        store.setPresence(session, update.status(), update.activities(), now);
        int user = store.user(session);
        observer.statusSet(session, user, update.status(), now);
        republish(user, now);
    }

    @Override
    public void detach(int session, long now) {
        if (phase(session) == Phase.LIVE) {
            transition(session, SessionEvent.CONNECTION_LOST, now);
            // the window starts when the connection is lost, and a second loss does not extend it
            expiry.schedule(session, now + timeouts.resumeWindowNs());
        } else {
            transition(session, SessionEvent.CONNECTION_LOST, now);
        }
    }

    @Override
    public boolean resume(int session, int node, long now) {
        if (phase(session) != Phase.DETACHED) {
            return false;
        }
        transition(session, SessionEvent.RESUME, now);
        store.moveSession(session, node);
        expiry.schedule(session, now + timeouts.heartbeatTimeoutNs());
        return true;
    }

    @Override
    public void end(int session, long now) {
        transition(session, SessionEvent.CLOSE_NORMAL, now);
    }

    @Override
    public void advance(long now) {
        long before = expiry.work();
        int fired = expiry.advance(now, onExpired);
        observer.expiryPass(fired, expiry.work() - before, expiry.size(), now);
    }

    private void expired(int session, long deadline, long now) {
        Phase p = phase(session);
        observer.expired(session, p, deadline, now);
        if (p == Phase.LIVE) {
            transition(session, SessionEvent.HEARTBEAT_MISSED, now);
            expiry.schedule(session, now + timeouts.resumeWindowNs());
            sink.heartbeatMissed(store.node(session), session);
        } else if (p == Phase.DETACHED) {
            transition(session, SessionEvent.RESUME_WINDOW_OVER, now);
        }
    }

    /** Applies an event through {@link SessionLifecycle}; on Ended, frees the session and republishes its user. */
    private Phase transition(int session, SessionEvent event, long now) {
        Phase from = phase(session);
        Phase to = SessionLifecycle.next(from, event, session);
        if (to == from) {
            return to;
        }
        int user = store.user(session);
        observer.phaseChanged(session, user, from, to, now);
        if (to == Phase.ENDED) {
            int node = store.node(session);
            store.ownerWord(session, store.ownerWord(session) & ~PHASE_MASK);
            expiry.cancel(session);
            store.closeSession(session);
            sink.ended(node, session);
            republish(user, now);
        } else {
            store.ownerWord(session, store.ownerWord(session) & ~PHASE_MASK | (to.ordinal() + 1));
        }
        return to;
    }

    /** Aggregates {@code user}'s sessions and, if what others see changed, publishes a new version and fans it out. */
    private void republish(int user, long now) {
        PresenceView view = aggregator.view(store, user);
        Presence old = store.published(user);
        if (old.shows(view)) {
            return;
        }
        Presence p = old.next(view, now);
        store.publish(p);
        observer.published(p);
        fanOut(p, now);
    }

    private void fanOut(Presence p, long now) {
        int user = p.user();
        int mark = ++fanouts;
        if (mark == STAMP_LIMIT) {
            for (int s = 0, n = store.sessionCapacity(); s < n; s++) {
                if (store.isOpen(s)) {
                    store.ownerWord(s, store.ownerWord(s) & ((1 << STAMP_SHIFT) - 1));
                }
            }
            mark = fanouts = 1;
        }
        touchWatchers(user);
        int reached = 0;
        for (int i = 0, n = store.friendCount(user); i < n; i++) {
            reached += addSessions(store.friend(user, i), -1, false, mark);
        }
        for (int i = 0, n = store.membershipCount(user); i < n; i++) {
            int g = store.guildOf(user, i);
            int before = reached;
            for (int k = 0, m = store.memberCount(g); k < m; k++) {
                int member = store.member(g, k);
                if (member != user) {
                    reached += addSessions(member, g, true, mark);
                }
            }
            observer.guildFannedOut(g, p, reached - before, now);
        }
        int nodes = batches.nodes();
        observer.fannedOut(p, reached, nodes, now);
        for (int i = 0; i < nodes; i++) {
            int node = batches.node(i);
            sink.deliver(node, p, batches.sessions(node), batches.via(node), batches.count(node));
        }
        batches.clear();
    }

    /**
     * Reads the first session of every watcher of {@code user} in a loop that does nothing else, so that the cache
     * misses of a fan-out to sessions spread over millions overlap instead of coming one watcher at a time. Changes
     * nothing.
     */
    private void touchWatchers(int user) {
        int sum = 0;
        for (int i = 0, n = store.friendCount(user); i < n; i++) {
            sum += firstWord(store.friend(user, i));
        }
        for (int i = 0, n = store.membershipCount(user); i < n; i++) {
            int g = store.guildOf(user, i);
            for (int k = 0, m = store.memberCount(g); k < m; k++) {
                sum += firstWord(store.member(g, k));
            }
        }
        touched += sum;
    }

    private int firstWord(int watcher) {
        int s = store.firstSession(watcher);
        return s == PresenceStore.NONE ? 0 : store.ownerWord(s) + store.nextSession(s);
    }

    private int addSessions(int watcher, int via, boolean guild, int mark) {
        int added = 0;
        for (int s = store.firstSession(watcher); s != PresenceStore.NONE; s = store.nextSession(s)) {
            int w = store.ownerWord(s);
            if (w >>> STAMP_SHIFT == mark || (guild && (w & FLAG_GUILD_PRESENCES) == 0)) {
                continue;
            }
            store.ownerWord(s, w & ((1 << STAMP_SHIFT) - 1) | mark << STAMP_SHIFT);
            batches.add(store.node(s), s, via);
            added++;
        }
        return added;
    }
}

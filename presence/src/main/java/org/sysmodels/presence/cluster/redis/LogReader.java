package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.StreamMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.session.Phase;
import org.sysmodels.presence.model.session.SessionStateException;
import org.sysmodels.presence.model.store.PresenceStore;

/**
 * A node's reader of the cluster's log: {@code XREAD BLOCK} on its own connection, one read after another from the
 * last entry it got, a linger apart while entries keep coming (Lettuce's thread), and the entries applied in order on the presence thread: other nodes' changes
 * to the replica, ends, and take-overs of sessions this node held. A node skips its own entries (it applied them when
 * it made them). Each (re)start after an outage is a new round; answers of an older round are dropped.
 */
final class LogReader {

    private static final int READ_COUNT = 512;
    private static final long READ_BLOCK_MS = 1000;
    /**
     * After a read that got entries (and not a full {@link #READ_COUNT}: a backlog is read at once), the next read
     * waits this long, so it carries what every node wrote meanwhile instead of waking for each entry, this node's
     * own included: the read side of {@link WriteQueue#LINGER_NS}. A change so waits at most a linger more.
     */
    static final long READ_LINGER_NS = 2_000_000L;

    private final RedisCluster node;
    private final RedisLink link;
    private final PresenceCore replica;
    private final PresenceStore store;
    private final SessionTable sessions;
    private final ClusterStats stats;
    private final Executor owner;
    private final LongSupplier clock;
    private final Consumer<String> log;

    // Lettuce's thread and the presence thread
    private final Object lock = new Object();
    private volatile long round;
    private boolean halted;
    private String lastId = "0-0";
    // presence thread
    private String replayUntil;
    private long replayed;

    LogReader(RedisCluster node, RedisLink link, PresenceCore replica, PresenceStore store, SessionTable sessions,
              ClusterStats stats, Executor owner, LongSupplier clock, Consumer<String> log) {
        this.node = node;
        this.link = link;
        this.replica = replica;
        this.store = store;
        this.sessions = sessions;
        this.stats = stats;
        this.owner = owner;
        this.clock = clock;
        this.log = log;
    }

    /** Reads from after entry {@code from}; entries up to {@code until} (if not null) are a replay, counted. */
    void start(String from, String until) {
        long r;
        synchronized (lock) {
            r = ++round;
            lastId = from;
            replayUntil = until;
            replayed = 0;
        }
        read(r);
    }

    /** The last entry read (the next read starts after it). */
    String position() {
        synchronized (lock) {
            return lastId;
        }
    }

    /** True if the reader has read up to entry {@code tail} (tests). */
    boolean passed(String tail) {
        synchronized (lock) {
            return StreamIds.compare(lastId, tail) >= 0;
        }
    }

    /** Stops reading for good: a read in flight is dropped when it answers. */
    void halt() {
        synchronized (lock) {
            halted = true;
            round++;
        }
    }

    private void read(long r) {
        String from;
        synchronized (lock) {
            if (r != round || halted) {
                return;
            }
            from = lastId;
        }
        CompletionStage<List<StreamMessage<String, byte[]>>> f;
        try {
            f = link.readLog(from, READ_COUNT, READ_BLOCK_MS);
        } catch (RuntimeException e) {
            owner.execute(() -> node.failed("reading the log", e));
            return;
        }
        f.whenComplete((msgs, err) -> {
            long readNs = Hops.ON ? System.nanoTime() : 0;
            synchronized (lock) {
                if (r != round || halted) {
                    return;
                }
                if (err != null) {
                    owner.execute(() -> node.failed("reading the log", err));
                    return;
                }
                if (msgs != null && !msgs.isEmpty()) {
                    lastId = msgs.get(msgs.size() - 1).getId();
                    owner.execute(() -> apply(msgs, r, readNs));
                }
            }
            if (msgs != null && !msgs.isEmpty() && msgs.size() < READ_COUNT) {
                link.later(READ_LINGER_NS, () -> read(r));
            } else {
                read(r);
            }
        });
    }

    /** Applies entries read at {@code readNs} ({@link Hops}; 0 when off). */
    private void apply(List<StreamMessage<String, byte[]>> msgs, long r, long readNs) {
        if (r != round) {
            return;
        }
        long now = clock.getAsLong();
        long wallMs = node.wall(now) / 1_000_000L;
        for (StreamMessage<String, byte[]> m : msgs) {
            if (replayUntil != null) {
                replayed++;
                if (StreamIds.compare(m.getId(), replayUntil) >= 0) {
                    replayDone();
                }
            }
            Map<String, byte[]> body = m.getBody();
            if (node.node().equals(LogEntry.writer(body))) {
                // this node's own changes: applied when it made them
                stats.own.incrementAndGet();
                continue;
            }
            List<? extends LogEntry> entries;
            try {
                entries = LogEntry.parseAll(body, store.userCount(), sessions);
            } catch (LogEntry.Malformed x) {
                node.skipped().skip(entry(m, body), x.getMessage());
                continue;
            }
            for (LogEntry e : entries) {
                try {
                    switch (e) {
                        case LogEntry.Upsert u -> {
                            long sent = Hops.ON ? hopsApplying(u, readNs) : 0;
                            boolean fresh = sessions.slot(u.sessionId()) == null;
                            upsert(u, now);
                            if (fresh && sessions.slot(u.sessionId()) != null) {
                                node.unconfirmed().opened(u.sessionId());
                            }
                            if (Hops.ON) {
                                Hops.record(Hops.Hop.B_APPLIED, sent);
                            }
                        }
                        case LogEntry.Ended x -> ended(x, now);
                    }
                } catch (SessionStateException | IllegalArgumentException x) {
                    node.skipped().skip(entry(m, body) + ", session " + e.sessionId(), x.getMessage());
                    continue;
                }
                stats.applied.incrementAndGet();
            }
            long ms = StreamIds.millis(m.getId());
            stats.lag(ms < 0 ? 0 : (wallMs - ms) * 1000);
        }
        node.progress();
    }

    /** Where entry {@code m} is, for a line about it: the key, its id and the node that wrote it. */
    private static String entry(StreamMessage<String, byte[]> m, Map<String, byte[]> body) {
        String w = LogEntry.writer(body);
        return Keys.LOG + " entry " + m.getId() + (w == null ? " (no writer)" : " written by " + w);
    }

    /** Records {@link Hops.Hop#B_READ} and {@link Hops.Hop#B_APPLYING} for {@code u}; its send time. */
    private static long hopsApplying(LogEntry.Upsert u, long readNs) {
        long sent = Hops.sentAt(u.activities());
        Hops.record(Hops.Hop.B_READ, sent, readNs);
        Hops.record(Hops.Hop.B_APPLYING, sent);
        return sent;
    }

    private void replayDone() {
        stats.replayedEntries.addAndGet(replayed);
        log.accept(String.format(Locale.ROOT, "presence cluster: replayed %,d log entries written while this node was "
                + "away", replayed));
        replayUntil = null;
    }

    /** A session's state as its holder set it (from the log, or from a snapshot's record). */
    void upsert(LogEntry.Upsert u, long now) {
        Integer s = sessions.slot(u.sessionId());
        int round = node.round();
        if (s == null) {
            if (u.node().equals(node.node())) {
                return;     // a record of ours this node has ended already
            }
            Long ended = sessions.endedGen(u.sessionId());
            if (ended != null && u.gen() < ended) {
                // an older holder's entry about a session that has ended since; a holder that registers its live
                // session again after an outage writes the same generation, and that entry counts
                return;
            }
            int t = replica.identify(u.user(), u.platform(), node.remoteNode(), null, u.guildPresences(), now);
            sessions.bind(t, u.sessionId(), u.gen(), u.flags(), round);
            stats.remoteSessions.incrementAndGet();
            setState(t, u);
        } else if (sessions.local(s)) {
            if (u.gen() > sessions.gen(s)) {
                node.handOver(s, u.gen(), now);
                setState(s, u);
                sessions.confirm(s, round);
            }
            // else: an older holder's entry arriving late
        } else if (u.gen() >= sessions.gen(s)) {
            sessions.gen(s, u.gen());
            setState(s, u);
            sessions.confirm(s, round);
        }
    }

    /** Sets the replica's session {@code s} to {@code u}'s state, if it differs. */
    void setState(int s, LogEntry.Upsert u) {
        if (store.status(s) != u.status() || store.updatedAt(s) != u.at()
                || !store.activities(s).equals(u.activities())) {
            replica.update(s, new PresenceUpdate(null, u.activities(), u.status(), false), u.at());
        }
    }

    private void ended(LogEntry.Ended x, long now) {
        Integer s = sessions.slot(x.sessionId());
        if (s == null) {
            return;
        }
        if (sessions.local(s)) {
            if (replica.phase(s) == Phase.LIVE) {
                // swept while this node could not renew it; it is alive here: register it again
                stats.reRegistered.incrementAndGet();
                node.records().reRegister(s);
            } else {
                node.records().endQuietly(s);
            }
        } else {
            replica.end(s, now);
        }
    }
}

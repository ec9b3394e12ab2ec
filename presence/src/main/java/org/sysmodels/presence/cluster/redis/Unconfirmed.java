package org.sysmodels.presence.cluster.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sysmodels.presence.model.core.PresenceCore;

/**
 * Sessions of other nodes that a log entry opened here, each checked once for its record in Redis. A node's script
 * writes a session's record in the same call that appends the entry, so an entry whose session has no record was
 * not a node's (another program's {@code XADD}), or its session has ended since. Either way it ends here: otherwise
 * its user would stay online on every node, since only the sweep ends sessions nobody ends, and it finds them through
 * {@code {pres}:due}, which such an entry never touched. Presence thread.
 */
final class Unconfirmed {

    static final long EVERY_NS = 250_000_000L;
    private static final int BATCH = 1024;
    private static final int LOGGED = 20;

    private final RedisCluster node;
    private final RedisLink link;
    private final PresenceCore replica;
    private final SessionTable sessions;
    private final Executor owner;
    private final LongSupplier clock;
    private final Consumer<String> log;
    private final List<String> waiting = new ArrayList<>();
    private boolean asking;
    private long next;
    private int logged;

    Unconfirmed(RedisCluster node, RedisLink link, PresenceCore replica, SessionTable sessions, Executor owner,
                LongSupplier clock, Consumer<String> log) {
        this.node = node;
        this.link = link;
        this.replica = replica;
        this.sessions = sessions;
        this.owner = owner;
        this.clock = clock;
        this.log = log;
    }

    /** A log entry opened session {@code sid} of another node here. */
    void opened(String sid) {
        waiting.add(sid);
    }

    /** Asks Redis about up to a batch of the sessions opened since, one question at a time, every {@link #EVERY_NS}. */
    void checkIfDue(long now) {
        if (asking || waiting.isEmpty() || now < next) {
            return;
        }
        next = now + EVERY_NS;
        List<String> batch = new ArrayList<>(waiting.subList(0, Math.min(BATCH, waiting.size())));
        waiting.subList(0, batch.size()).clear();
        asking = true;
        link.missing(batch).whenCompleteAsync((missing, err) -> {
            asking = false;
            if (err != null) {
                waiting.addAll(0, batch);
                node.failed("checking the records of sessions the log opened", err);
                return;
            }
            for (String sid : missing) {
                Integer s = sessions.slot(sid);
                if (s != null && !sessions.local(s) && replica.exists(s)) {
                    replica.end(s, clock.getAsLong());
                    if (logged < LOGGED) {
                        logged++;
                        log.accept("presence cluster: ended session " + sid + " here: a " + Keys.LOG + " entry "
                                + "opened it, and its record " + Keys.session(sid) + " is not in Redis (ended since, "
                                + "or never written by a node)");
                    }
                }
            }
            node.progress();
        }, owner);
    }
}

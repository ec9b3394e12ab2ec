package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Phase;

/**
 * The core's published presences as its {@link PresenceObserver} reports them (on the engine's thread): a wait for a
 * user's status completes on the publication itself, bounded by {@code timeoutS}, then the server's own
 * {@code statusOf} is checked. For a user never published, the status the server already shows counts at once (a
 * user who never connected is offline without any publication).
 *
 * <p>It also keeps, in the order the engine's thread reported them, every session opened, heartbeat, phase change,
 * expiry and publication ({@link #log}): the facts a test of timing behaviour asserts on, each stamped with the
 * core's own clock, instead of measuring elapsed wall time itself.
 */
final class PublishedPresences implements PresenceObserver {

    /** What the core reported, in order; {@code at} is the core's clock (ns since the engine started). */
    sealed interface Event {
    }

    record PhaseChanged(int session, int user, Phase from, Phase to, long at) implements Event {
    }

    record Expired(int session, Phase phase, long deadline, long at) implements Event {
    }

    record Published(int user, Status status, long at) implements Event {
    }

    record Opened(int session, int user, long at) implements Event {
    }

    /** A heartbeat as the core took it: {@code at} is when its connection received it. */
    record Heartbeat(int session, long deadline, long at) implements Event {
    }

    private final List<Event> log = new ArrayList<>();

    private final UserDirectory users;
    private final long timeoutS;
    private final Map<Integer, Status> latest = new HashMap<>();
    private final Map<CompletableFuture<Void>, Map.Entry<Integer, Status>> waiters = new HashMap<>();

    PublishedPresences(UserDirectory users, long timeoutS) {
        this.users = users;
        this.timeoutS = timeoutS;
    }

    @Override
    public synchronized void sessionOpened(int session, int user, Platform platform, int node, long at) {
        log.add(new Opened(session, user, at));
    }

    @Override
    public synchronized void heartbeat(int session, long deadline, long at) {
        log.add(new Heartbeat(session, deadline, at));
    }

    @Override
    public synchronized void phaseChanged(int session, int user, Phase from, Phase to, long at) {
        log.add(new PhaseChanged(session, user, from, to, at));
    }

    @Override
    public synchronized void expired(int session, Phase phase, long deadline, long at) {
        log.add(new Expired(session, phase, deadline, at));
    }

    /** Everything reported so far, in order (a copy). */
    synchronized List<Event> log() {
        return List.copyOf(log);
    }

    /** The directory's number for user {@code id}. */
    int user(String id) {
        return users.userById(id).orElseThrow();
    }

    @Override
    public synchronized void published(Presence p) {
        log.add(new Published(p.user(), p.status(), p.at()));
        latest.put(p.user(), p.status());
        waiters.entrySet().removeIf(w -> {
            boolean hit = w.getValue().getKey() == p.user() && w.getValue().getValue() == p.status();
            if (hit) {
                w.getKey().complete(null);
            }
            return hit;
        });
    }

    /** Waits until user {@code id} is published with {@code want}; fails naming {@code what} and the last seen. */
    void await(GatewayServer server, String id, Status want, String what) throws Exception {
        int user = users.userById(id).orElseThrow();
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (latest.get(user) == want) {
                done.complete(null);
            } else {
                waiters.put(done, Map.entry(user, want));
            }
        }
        if (!done.isDone() && server.statusOf(id) == want && !latest.containsKey(user)) {
            done.complete(null);
        }
        try {
            done.get(timeoutS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            Status last;
            synchronized (this) {
                last = latest.get(user);
            }
            fail(what + ": awaited a published presence of user " + id + " with status " + want
                    + "; last published " + (last == null ? "nothing" : last) + " in " + timeoutS + " s");
        }
        assertEquals(want, server.statusOf(id), "the server's view of user " + id);
    }
}

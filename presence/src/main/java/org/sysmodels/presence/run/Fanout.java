package org.sysmodels.presence.run;

import java.util.List;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Phase;

/**
 * Hands each event of the core and the nodes to every observer (the checks, then the trace), in order; each event
 * goes only to the observers that override it, so a heartbeat costs nothing in a check that ignores heartbeats.
 */
final class Fanout implements PresenceObserver {

    private final PresenceObserver[] sessionOpened;
    private final PresenceObserver[] statusSet;
    private final PresenceObserver[] heartbeat;
    private final PresenceObserver[] phaseChanged;
    private final PresenceObserver[] expired;
    private final PresenceObserver[] expiryPass;
    private final PresenceObserver[] published;
    private final PresenceObserver[] fannedOut;
    private final PresenceObserver[] guildFannedOut;
    private final PresenceObserver[] queued;
    private final PresenceObserver[] snapshot;
    private final PresenceObserver[] dispatched;
    private final PresenceObserver[] resumed;
    private final PresenceObserver[] arriving;

    Fanout(List<? extends PresenceObserver> observers) {
        sessionOpened = overriding(observers, "sessionOpened", int.class, int.class, Platform.class, int.class, long.class);
        statusSet = overriding(observers, "statusSet", int.class, int.class, Status.class, long.class);
        heartbeat = overriding(observers, "heartbeat", int.class, long.class, long.class);
        phaseChanged = overriding(observers, "phaseChanged", int.class, int.class, Phase.class, Phase.class, long.class);
        expired = overriding(observers, "expired", int.class, Phase.class, long.class, long.class);
        expiryPass = overriding(observers, "expiryPass", int.class, long.class, int.class, long.class);
        published = overriding(observers, "published", Presence.class);
        fannedOut = overriding(observers, "fannedOut", Presence.class, int.class, int.class, long.class);
        guildFannedOut = overriding(observers, "guildFannedOut", int.class, Presence.class, int.class, long.class);
        queued = overriding(observers, "queued", int.class, Presence.class, int.class, int.class, long.class);
        snapshot = overriding(observers, "snapshot", int.class, Presence.class, long.class);
        dispatched = overriding(observers, "dispatched", int.class, long.class, Presence.class, long.class);
        resumed = overriding(observers, "resumed", int.class, long.class, long.class);
        arriving = overriding(observers, "arriving", int[].class, int.class, long.class);
    }

    private static PresenceObserver[] overriding(List<? extends PresenceObserver> observers, String name,
                                                 Class<?>... params) {
        return observers.stream().filter(o -> {
            try {
                return o.getClass().getMethod(name, params).getDeclaringClass() != PresenceObserver.class;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(PresenceObserver[]::new);
    }

    @Override
    public void sessionOpened(int session, int user, Platform platform, int node, long at) {
        for (PresenceObserver o : sessionOpened) {
            o.sessionOpened(session, user, platform, node, at);
        }
    }

    @Override
    public void statusSet(int session, int user, Status status, long at) {
        for (PresenceObserver o : statusSet) {
            o.statusSet(session, user, status, at);
        }
    }

    @Override
    public void heartbeat(int session, long deadline, long at) {
        for (PresenceObserver o : heartbeat) {
            o.heartbeat(session, deadline, at);
        }
    }

    @Override
    public void phaseChanged(int session, int user, Phase from, Phase to, long at) {
        for (PresenceObserver o : phaseChanged) {
            o.phaseChanged(session, user, from, to, at);
        }
    }

    @Override
    public void expired(int session, Phase phase, long deadline, long at) {
        for (PresenceObserver o : expired) {
            o.expired(session, phase, deadline, at);
        }
    }

    @Override
    public void expiryPass(int fired, long touched, int scheduled, long at) {
        for (PresenceObserver o : expiryPass) {
            o.expiryPass(fired, touched, scheduled, at);
        }
    }

    @Override
    public void published(Presence presence) {
        for (PresenceObserver o : published) {
            o.published(presence);
        }
    }

    @Override
    public void fannedOut(Presence presence, int sessions, int nodes, long at) {
        for (PresenceObserver o : fannedOut) {
            o.fannedOut(presence, sessions, nodes, at);
        }
    }

    @Override
    public void guildFannedOut(int guild, Presence presence, int sessions, long at) {
        for (PresenceObserver o : guildFannedOut) {
            o.guildFannedOut(guild, presence, sessions, at);
        }
    }

    @Override
    public void queued(int session, Presence presence, int pendingForUser, int pending, long at) {
        for (PresenceObserver o : queued) {
            o.queued(session, presence, pendingForUser, pending, at);
        }
    }

    @Override
    public void snapshot(int session, Presence presence, long at) {
        for (PresenceObserver o : snapshot) {
            o.snapshot(session, presence, at);
        }
    }

    @Override
    public void dispatched(int session, long seq, Presence presence, long at) {
        for (PresenceObserver o : dispatched) {
            o.dispatched(session, seq, presence, at);
        }
    }

    @Override
    public void arriving(int[] sessions, int count, long at) {
        for (PresenceObserver o : arriving) {
            o.arriving(sessions, count, at);
        }
    }

    @Override
    public void resumed(int session, long clientSeq, long at) {
        for (PresenceObserver o : resumed) {
            o.resumed(session, clientSeq, at);
        }
    }
}

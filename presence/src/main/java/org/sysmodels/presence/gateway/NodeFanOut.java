package org.sysmodels.presence.gateway;

import org.sysmodels.presence.gateway.protocol.CloseCode;
import org.sysmodels.presence.gateway.protocol.Payloads;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.cluster.SentSoFar;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.session.Dispatch;

/**
 * What the core tells this node, on the engine thread: a change's fan-out to the sessions this node carries, a missed
 * heartbeat, a session ended or taken over by another node. The other half of {@link PresenceEngine}, which handles
 * what the connections ask of the core.
 */
final class NodeFanOut implements NodeSink {

    private final SessionTable sessions;
    private final UserDirectory users;
    private final GatewayConfig config;
    private final GatewayStats stats;
    private final ReplayRingPool rings;

    NodeFanOut(SessionTable sessions, UserDirectory users, GatewayConfig config, GatewayStats stats,
               ReplayRingPool rings) {
        this.sessions = sessions;
        this.rings = rings;
        this.users = users;
        this.config = config;
        this.stats = stats;
    }

    /** One kept or pending dispatch as a whole PRESENCE_UPDATE payload (resume replays). */
    String encode(Dispatch d) {
        Presence p = d.presence();
        return Payloads.dispatch(d.seq(), "PRESENCE_UPDATE", Payloads.presenceBody(p, users.userId(p.user()),
                d.via() < 0 ? null : users.guildId(d.via())));
    }

    /**
     * One change's fan-out to this node's sessions: the body is encoded once per (presence, guild), and the sessions
     * whose connections can take writes get their sequence numbers and go to their event loop as one
     * {@link PresenceFrames} per event loop (written and flushed in the loop's next drain); a session whose connection
     * cannot take writes keeps only the newest presence in its outbox.
     */
    @Override
    public void deliver(int node, Presence presence, int[] targets, int[] via, int count) {
        byte[] friendBody = null;
        byte[] guildBody = null;
        int bodyGuild = Integer.MIN_VALUE;
        PresenceFrames frames = null;
        int written = 0;
        for (int i = 0; i < count; i++) {
            GatewaySession e = sessions.get(targets[i]);
            if (e == null) {
                continue;
            }
            GatewayConnection c = e.conn;
            if (c != null && c.writable() && e.subscriber.nothingPending()) {
                Dispatch d = e.subscriber.send(presence, via[i]);
                byte[] body;
                if (via[i] < 0) {
                    if (friendBody == null) {
                        friendBody = Payloads.presenceBodyUtf8(presence, users.userId(presence.user()), null);
                    }
                    body = friendBody;
                } else {
                    if (bodyGuild != via[i]) {
                        guildBody = Payloads.presenceBodyUtf8(presence, users.userId(presence.user()),
                                users.guildId(via[i]));
                        bodyGuild = via[i];
                    }
                    body = guildBody;
                }
                if (frames == null || frames.outbound != c.outbound()) {
                    if (frames != null) {
                        frames.outbound.offer(frames);
                    }
                    frames = new PresenceFrames(c.outbound(), count - i);
                }
                frames.add(c, body, d.seq());
                written++;
            } else {
                e.subscriber.outbox().offer(presence, via[i]);
                stats.queued.incrementAndGet();
            }
        }
        if (frames != null) {
            frames.outbound.offer(frames);
        }
        if (written > 0) {
            stats.nodeMessages.incrementAndGet();
            stats.dispatches.addAndGet(written);
        }
    }

    @Override
    public void heartbeatMissed(int node, int session) {
        GatewaySession e = sessions.get(session);
        if (e != null) {
            e.closeConnection(CloseCode.SESSION_TIMED_OUT, "no heartbeat within "
                    + (config.heartbeatInterval().toMillis() + config.grace().toMillis()) + " ms");
        }
    }

    @Override
    public SentSoFar sentSoFar(int session) {
        GatewaySession e = sessions.get(session);
        return e == null ? SentSoFar.UNKNOWN : new SentSoFar(e.subscriber.seq(), e.lastUnkept);
    }

    @Override
    public void takenOver(int node, int session) {
        GatewaySession e = sessions.get(session);
        if (e != null) {
            e.closeConnection(CloseCode.SESSION_TIMED_OUT, "the session was resumed on another node");
        }
        ended(node, session);
    }

    @Override
    public void ended(int node, int session) {
        GatewaySession e = sessions.remove(session);
        if (e != null) {
            stats.sessions.decrementAndGet();
            rings.give(e.subscriber.replay());
        }
    }
}

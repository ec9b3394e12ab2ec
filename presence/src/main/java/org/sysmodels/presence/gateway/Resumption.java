package org.sysmodels.presence.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sysmodels.presence.gateway.protocol.ClientPayload;
import org.sysmodels.presence.gateway.protocol.CloseCode;
import org.sysmodels.presence.gateway.protocol.Payloads;
import org.sysmodels.presence.gateway.users.UserDirectory;
import org.sysmodels.presence.model.cluster.Adoption;
import org.sysmodels.presence.model.cluster.ClusterBackend;
import org.sysmodels.presence.model.cluster.SentSoFar;
import org.sysmodels.presence.model.fanout.CoalescingOutbox;
import org.sysmodels.presence.model.session.ResumeCheck;
import org.sysmodels.presence.model.session.Subscriber;

/**
 * Resume (op 6) on the engine thread: a session this node holds gets its missed dispatches replayed in order and
 * RESUMED; one held elsewhere in the cluster, or by a node that died, is adopted; a bad token closes 4004, a seq above
 * the last sent 4007, a gap past the replay ring or an unknown session gets Invalid Session (not resumable).
 * Discord developer docs, Gateway Events "Resume" and Gateway "Resuming".
 */
final class Resumption {

    private final UserDirectory users;
    private final ClusterBackend core;
    private final SessionTable sessions;
    private final NodeFanOut fanOut;
    private final ReplayRingPool rings;
    private final GatewayStats stats;
    private final LongSupplier clock;
    /** Queues a task on the engine thread (an adoption's answer comes back on another thread). */
    private final Consumer<Runnable> engine;

    Resumption(UserDirectory users, ClusterBackend core, SessionTable sessions, NodeFanOut fanOut,
               ReplayRingPool rings, GatewayStats stats, LongSupplier clock, Consumer<Runnable> engine) {
        this.users = users;
        this.core = core;
        this.sessions = sessions;
        this.fanOut = fanOut;
        this.rings = rings;
        this.stats = stats;
        this.clock = clock;
        this.engine = engine;
    }

    /** Judges a Resume on the engine thread: replay and RESUMED, Invalid Session, or a close. */
    void resume(GatewayConnection c, ClientPayload.Resume r) {
        Integer user = users.userByToken(r.token()).orElse(null);
        if (user == null) {
            c.closeFromEngine(CloseCode.AUTHENTICATION_FAILED, PresenceEngine.UNKNOWN_TOKEN);
            return;
        }
        GatewaySession e = sessions.get(r.sessionId());
        if (e == null) {
            // perhaps held by another node of the cluster, or by one that died: take it over
            core.adopt(r.sessionId(), user, c.node(), now(),
                    a -> engine.accept(() -> resumeAdopted(c, r, user, a)));
            return;
        }
        if (e.user != user) {
            c.invalidSession(false);
            return;
        }
        if (e.conn != null) {
            // still attached to another connection: detach it; this client may resume again at once
            e.closeConnection(CloseCode.SESSION_TIMED_OUT, "the session was resumed elsewhere");
            core.detach(e.slot, now());
            c.invalidSession(true);
            return;
        }
        ResumeCheck check = r.seq() < e.lastUnkept ? ResumeCheck.GAP_TOO_OLD
                : ResumeCheck.of(r.seq(), e.subscriber.seq(), e.subscriber.replay());
        if (check == ResumeCheck.SEQ_AHEAD) {
            c.closeFromEngine(CloseCode.INVALID_SEQ, "seq " + r.seq() + " is above the last sent, "
                    + e.subscriber.seq());
            return;
        }
        if (check == ResumeCheck.GAP_TOO_OLD || !core.resume(e.slot, c.node(), now())) {
            if (core.exists(e.slot)) {
                core.end(e.slot, now());
            }
            c.invalidSession(false);
            return;
        }
        e.conn = c;
        c.engineSlot = e.slot;
        stats.resumes.incrementAndGet();
        List<String> out = new ArrayList<>();
        e.subscriber.resume(r.seq(), d -> out.add(fanOut.encode(d)));
        out.add(Payloads.dispatch(e.subscriber.nextSeq(), "RESUMED", com.fasterxml.jackson.core.JsonGenerator::writeNull));
        e.lastUnkept = e.subscriber.seq();
        stats.dispatches.addAndGet(out.size() - 1);
        c.send(out);
    }

    /**
     * Resume of a session taken over from another node: its replay ring stayed there, so instead of replaying the
     * missed dispatches this node sends the current presence of everyone the session watches (what the client would
     * have converged to; offline ones too, since this node cannot tell which changed), numbered after the last
     * sequence number the old node sent, then RESUMED. The Resume's {@code seq} is judged as the old node would
     * have judged it, from what it recorded when it lost the connection ({@link SentSoFar}): above the last sent,
     * 4007; below the events that are never replayed (READY, GUILD_CREATE, chunks), Invalid Session. When it recorded
     * nothing (it died first, or the client came here before it saw the connection go) the seq cannot be judged and
     * numbering goes on from it. Invalid Session if the cluster has no such session any more.
     */
    private void resumeAdopted(GatewayConnection c, ClientPayload.Resume r, int user, Adoption a) {
        if (!a.found()) {
            c.invalidSession(false);
            return;
        }
        // held here from now on, whatever this Resume gets: this node numbers after what was sent, and its ring
        // holds nothing before that
        SentSoFar sent = a.sent();
        long after = sent.known() ? sent.last() : r.seq();
        GatewaySession e = new GatewaySession(a.session(), r.sessionId(), user, a.guildPresences(),
                a.guildMembers(), 50, new Subscriber(a.session(), new CoalescingOutbox(), rings.take()));
        e.subscriber.continueAfter(after);
        e.lastUnkept = after;
        sessions.put(e);
        stats.sessions.incrementAndGet();
        if (!c.open()) {
            core.detach(a.session(), now());
            return;
        }
        if (sent.known() && r.seq() > sent.last()) {
            core.detach(a.session(), now());
            c.closeFromEngine(CloseCode.INVALID_SEQ, "seq " + r.seq() + " is above the last sent, " + sent.last());
            return;
        }
        if (sent.known() && r.seq() < sent.resumableFrom()) {
            core.end(a.session(), now());
            c.invalidSession(false);
            return;
        }
        e.conn = c;
        c.engineSlot = a.session();
        stats.resumes.incrementAndGet();
        List<String> out = new ArrayList<>();
        Snapshots.watched(core.store(), user, a.guildPresences(), (watched, via) ->
                out.add(fanOut.encode(e.subscriber.send(core.presence(watched), via))));
        out.add(Payloads.dispatch(e.subscriber.nextSeq(), "RESUMED", com.fasterxml.jackson.core.JsonGenerator::writeNull));
        e.lastUnkept = e.subscriber.seq();
        stats.dispatches.addAndGet(out.size() - 1);
        c.send(out);
    }

    private long now() {
        return clock.getAsLong();
    }
}

package org.sysmodels.presence.run;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.session.Phase;

/**
 * The Perfetto trace: a track per guild (its share of each fan-out, for the first {@link #GUILD_TRACKS} guilds), a
 * track per sampled session (dispatches, heartbeats, phase changes, resumes and expiries as instants), and counters of
 * open sessions and fan-out size. Nothing is recorded when the tracer is off.
 */
final class TraceObserver implements PresenceObserver {

    static final int GUILD_TRACKS = 16;

    private final Tracer tracer;
    private final IntPredicate sampled;
    private final Map<Integer, Track> sessions = new HashMap<>();
    private final Map<Integer, Track> guilds = new HashMap<>();
    private final Track counters;
    private final Track expiry;
    private long open;

    TraceObserver(Tracer tracer, IntPredicate sampled) {
        this.tracer = tracer;
        this.sampled = sampled;
        this.counters = tracer.track("cluster", "counters");
        this.expiry = tracer.track("cluster", "expiry queue");
    }

    private Track session(int s) {
        return sessions.computeIfAbsent(s, k -> tracer.track("sampled sessions", "session " + k));
    }

    @Override
    public void sessionOpened(int session, int user, Platform platform, int node, long at) {
        open++;
        if (sampled.test(session)) {
            tracer.instant(session(session), "identify user " + user + " " + platform.wire() + " node " + node, at);
        }
    }

    @Override
    public void heartbeat(int session, long deadline, long at) {
        if (sampled.test(session)) {
            tracer.instant(session(session), "heartbeat", at);
        }
    }

    @Override
    public void phaseChanged(int session, int user, Phase from, Phase to, long at) {
        if (to == Phase.ENDED) {
            open--;
            tracer.counter(counters, "open sessions", at, open);
        }
        if (sampled.test(session)) {
            tracer.instant(session(session), from + " → " + to, at);
        }
    }

    @Override
    public void expired(int session, Phase phase, long deadline, long at) {
        tracer.instant(expiry, (phase == Phase.LIVE ? "heartbeat missed" : "resume window over") + " session "
                + session, at, "late ns", at - deadline);
    }

    @Override
    public void fannedOut(Presence presence, int sessions, int nodes, long at) {
        tracer.counter(counters, "fan-out sessions", at, sessions);
        tracer.counter(counters, "node messages", at, nodes);
    }

    @Override
    public void guildFannedOut(int guild, Presence presence, int sessions, long at) {
        if (guild < GUILD_TRACKS) {
            Track t = guilds.computeIfAbsent(guild, g -> tracer.track("guild fan-out", "guild " + g));
            tracer.instant(t, "user " + presence.user() + " → " + presence.status().wire(), at, "sessions",
                    sessions, "version", presence.version());
        }
    }

    @Override
    public void queued(int session, Presence presence, int pendingForUser, int pending, long at) {
        if (sampled.test(session)) {
            tracer.instant(session(session), "queued user " + presence.user(), at, "pending", pending);
        }
    }

    @Override
    public void dispatched(int session, long seq, Presence presence, long at) {
        if (sampled.test(session)) {
            tracer.instant(session(session), "s=" + seq + " user " + presence.user() + " "
                    + presence.status().wire(), at, "version", presence.version());
        }
    }

    @Override
    public void resumed(int session, long clientSeq, long at) {
        if (sampled.test(session)) {
            tracer.instant(session(session), "resume from s=" + clientSeq, at);
        }
    }
}

package org.sysmodels.presence.run;

import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Phase;

/** Hashes every event a shard's or a cell's observers see, in order: two runs that differ anywhere differ here. */
final class EventDigest implements PresenceObserver {
    long hash = 1;
    long events;

    private void mix(long... xs) {
        for (long x : xs) {
            hash = hash * 0x9E3779B97F4A7C15L + x;
            hash ^= hash >>> 29;
        }
        events++;
    }

    @Override
    public void sessionOpened(int session, int user, Platform platform, int node, long at) {
        mix(1, session, user, platform.ordinal(), node, at);
    }

    @Override
    public void statusSet(int session, int user, Status status, long at) {
        mix(2, session, user, status.ordinal(), at);
    }

    @Override
    public void phaseChanged(int session, int user, Phase from, Phase to, long at) {
        mix(3, session, user, from.ordinal(), to.ordinal(), at);
    }

    @Override
    public void dispatched(int session, long seq, Presence p, long at) {
        mix(4, session, seq, p.user(), p.version(), p.status().ordinal(), at);
    }

    @Override
    public void queued(int session, Presence p, int pendingForUser, int pending, long at) {
        mix(5, session, p.user(), p.version(), pending, at);
    }

    @Override
    public void published(Presence p) {
        mix(6, p.user(), p.version(), p.at());
    }
}

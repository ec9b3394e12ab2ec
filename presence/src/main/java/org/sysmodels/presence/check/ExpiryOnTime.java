package org.sysmodels.presence.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.session.Phase;

/**
 * A session whose heartbeats stop is dropped after the heartbeat timeout and ends after the resume window, each
 * within one expiry tick, never early; a session that heartbeats in time is never dropped. At the end of the run no
 * session may outlive its last deadline.
 */
public final class ExpiryOnTime implements PresenceCheck {

    public static final Rule RULE = new Rule("session-expires", "a session that stops heartbeating is closed after "
            + "interval + grace and ends after the resume window, each at most one tick late and never early",
            "discord-api-docs gateway.mdx, \"Sending Heartbeats\" (\"your connection will be closed and you will be "
            + "forced to Resume\") and \"Resuming\"");

    private final Findings findings;
    private final Timeouts timeouts;
    private final long tick;
    private long[] due = new long[1024];
    private byte[] open = new byte[1024];

    /** @param tick the expiry queue's resolution */
    public ExpiryOnTime(Findings findings, Timeouts timeouts, long tick) {
        this.findings = findings;
        this.timeouts = timeouts;
        this.tick = tick;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void sessionOpened(int session, int user, Platform platform, int node, long at) {
        due = Slots.fit(due, session);
        open = Slots.fit(open, session);
        open[session] = 1;
        due[session] = at + timeouts.heartbeatTimeoutNs();
    }

    @Override
    public void heartbeat(int session, long deadline, long at) {
        due[session] = deadline;
    }

    @Override
    public void phaseChanged(int session, int user, Phase from, Phase to, long at) {
        if (to == Phase.ENDED) {
            open[session] = 0;
        } else if (to == Phase.DETACHED && from == Phase.LIVE) {
            due[session] = at + timeouts.resumeWindowNs();
        } else if (to == Phase.LIVE) {
            due[session] = at + timeouts.heartbeatTimeoutNs();
        }
    }

    /** The core tells the deadline with each expiry: judge lateness and earliness against it. */
    @Override
    public void expired(int session, Phase phase, long deadline, long at) {
        if (at < deadline) {
            findings.violation(RULE, "session " + session + " expired at " + SimTime.format(at) + ", before its "
                    + "deadline " + SimTime.format(deadline), at, "session " + session);
        } else if (at - deadline > 2 * tick) {
            findings.violation(RULE, "session " + session + " expired " + SimTime.format(at - deadline)
                    + " after its deadline (tick " + SimTime.format(tick) + ")", at, "session " + session);
        }
        if (phase == Phase.LIVE && at - due[session] > 2 * tick) {
            findings.violation(RULE, "session " + session + " was last due at " + SimTime.format(due[session])
                    + " but expired only at " + SimTime.format(at), at, "session " + session);
        }
    }

    @Override
    public void finish(long now, Findings f) {
        for (int s = 0; s < open.length; s++) {
            if (open[s] == 1 && now - due[s] > 2 * tick) {
                f.violation(RULE, "session " + s + " is still open " + SimTime.format(now - due[s])
                        + " past its deadline", now, "session " + s);
            }
        }
    }
}

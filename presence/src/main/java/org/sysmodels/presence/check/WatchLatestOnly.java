package org.sysmodels.presence.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.presence.model.presence.Presence;

/**
 * A subscriber holds only the latest presence per user: a newer presence replaces one still waiting, so a slow
 * subscriber's backlog is bounded by how many users it watches, not by how often they change.
 */
public final class WatchLatestOnly implements PresenceCheck {

    public static final Rule RULE = new Rule("watch-latest-only", "a subscriber holds at most one pending presence "
            + "per user, the newest (\"only the most recent value is retained\"; slow receivers skip intermediate "
            + "values)", "tokio::sync::watch documentation (docs.rs/tokio, sync::watch); the issue's coalescing "
            + "fan-out");

    private final Findings findings;
    private long worst;

    public WatchLatestOnly(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void queued(int session, Presence presence, int pendingForUser, int pending, long at) {
        if (pendingForUser > 1) {
            findings.violation(RULE, "session " + session + " holds " + pendingForUser + " presences of user "
                    + presence.user() + " (" + pending + " pending in all)", at, "session " + session);
        }
        worst = Math.max(worst, pending);
    }

    /** The largest backlog any subscriber had. */
    public long worstBacklog() {
        return worst;
    }
}

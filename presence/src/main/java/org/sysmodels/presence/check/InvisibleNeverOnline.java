package org.sysmodels.presence.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.session.Phase;

/**
 * Invisible is "shown as offline": whenever a user has a session that set invisible, every presence published for
 * them must say offline with no platform. The check counts each user's invisible sessions from the sessions' own
 * events, independently of the aggregation it judges.
 */
public final class InvisibleNeverOnline implements PresenceCheck {

    public static final Rule RULE = new Rule("invisible-never-online", "a user who set invisible is shown as "
            + "offline, on every platform, to everyone", "discord-api-docs gateway-events.mdx, \"Status Types\" "
            + "(invisible: \"Invisible and shown as offline\") and \"Client Status Object\" (absent when offline or "
            + "invisible)");

    private final Findings findings;
    private byte[] status = new byte[1024];
    private int[] userOf = new int[1024];
    private int[] invisible = new int[1024];

    public InvisibleNeverOnline(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void sessionOpened(int session, int user, org.sysmodels.presence.model.presence.Platform platform, int node,
                              long at) {
        status = Slots.fit(status, session);
        userOf = Slots.fit(userOf, session, 0);
        invisible = Slots.fit(invisible, user, 0);
        status[session] = (byte) Status.OFFLINE.ordinal();
        userOf[session] = user;
    }

    @Override
    public void statusSet(int session, int user, Status s, long at) {
        if (status[session] == Status.INVISIBLE.ordinal()) {
            invisible[user]--;
        }
        if (s == Status.INVISIBLE) {
            invisible[user]++;
        }
        status[session] = (byte) s.ordinal();
    }

    @Override
    public void phaseChanged(int session, int user, Phase from, Phase to, long at) {
        if (to == Phase.ENDED && status[session] == Status.INVISIBLE.ordinal()) {
            invisible[user]--;
            status[session] = (byte) Status.OFFLINE.ordinal();
        }
    }

    @Override
    public void published(Presence p) {
        int u = p.user();
        if (u < invisible.length && invisible[u] > 0 && (p.status() != Status.OFFLINE
                || !p.clientStatus().isEmpty())) {
            findings.violation(RULE, "user " + u + " has " + invisible[u] + " invisible session(s) but was "
                    + "published as " + p.status().wire() + " " + p.clientStatus(), p.at(), "user " + u);
        }
    }
}

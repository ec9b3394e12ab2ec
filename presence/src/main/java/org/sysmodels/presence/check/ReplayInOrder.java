package org.sysmodels.presence.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;

/**
 * Dispatches reach a session in sequence order, each {@code s} one above the last; after a Resume from the client's
 * {@code seq}, the replay starts at {@code seq + 1} and goes on in order.
 */
public final class ReplayInOrder implements PresenceCheck {

    public static final Rule RULE = new Rule("replay-in-order", "a resumed session gets the missed events replayed "
            + "in order, then new ones, with s growing by one", "discord-api-docs gateway.mdx, \"Resuming\" (\"replay"
            + " any missed events in order\") and gateway-events.mdx, \"Payload Structure\" (s)");

    private final Findings findings;
    private long[] last = new long[1024];
    private long touched;

    public ReplayInOrder(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void sessionOpened(int session, int user, Platform platform, int node, long at) {
        last = Slots.fit(last, session);
        last[session] = 0;
    }

    @Override
    public void resumed(int session, long clientSeq, long at) {
        last[session] = clientSeq;
    }

    /** Reads the sessions' last sequence numbers ahead of their dispatches (a speed hint; nothing is judged here). */
    @Override
    public void arriving(int[] sessions, int count, long at) {
        long[] l = last;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            int s = sessions[i];
            if (s >= 0 && s < l.length) {
                sum += l[s];
            }
        }
        touched += sum;
    }

    @Override
    public void dispatched(int session, long seq, Presence presence, long at) {
        if (seq != last[session] + 1) {
            findings.violation(RULE, "session " + session + " got s = " + seq + " after s = " + last[session],
                    at, "session " + session);
        }
        last[session] = seq;
    }
}

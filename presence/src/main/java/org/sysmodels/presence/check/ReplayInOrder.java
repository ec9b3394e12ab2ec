package org.sysmodels.presence.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.session.SessionRecords;

/**
 * Dispatches reach a session in sequence order, each {@code s} one above the last; after a Resume from the client's
 * {@code seq}, the replay starts at {@code seq + 1} and goes on in order.
 *
 * <p>The check keeps each session's last sequence number itself, in a word of its own: in its own records, or in
 * records it shares with the gateway node's per-session state ({@link SessionRecords}), so that a delivery finds both
 * in one cache line. Nobody else writes that word; what the node keeps is never read here.
 */
public final class ReplayInOrder implements PresenceCheck {

    public static final Rule RULE = new Rule("replay-in-order", "a resumed session gets the missed events replayed "
            + "in order, then new ones, with s growing by one", "discord-api-docs gateway.mdx, \"Resuming\" (\"replay"
            + " any missed events in order\") and gateway-events.mdx, \"Payload Structure\" (s)");

    private final Findings findings;
    private final SessionRecords records;
    private final int word;
    private long touched;

    public ReplayInOrder(Findings findings) {
        this(findings, new SessionRecords(1024));
    }

    /** With each session's last sequence number in a word claimed in {@code records} (shared with others). */
    public ReplayInOrder(Findings findings, SessionRecords records) {
        this.findings = findings;
        this.records = records;
        this.word = records.claim(1);
    }

    private int at(int session) {
        return session * records.stride() + word;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void sessionOpened(int session, int user, Platform platform, int node, long at) {
        records.fit(session);
        records.words()[at(session)] = 0;
    }

    @Override
    public void resumed(int session, long clientSeq, long at) {
        records.words()[at(session)] = clientSeq;
    }

    /** Reads the sessions' last sequence numbers ahead of their dispatches (a speed hint; nothing is judged here). */
    @Override
    public void arriving(int[] sessions, int count, long at) {
        long[] l = records.words();
        int stride = records.stride();
        int n = records.capacity();
        long sum = 0;
        for (int i = 0; i < count; i++) {
            int s = sessions[i];
            if (s >= 0 && s < n) {
                sum += l[s * stride + word];
            }
        }
        touched += sum;
    }

    @Override
    public void dispatched(int session, long seq, Presence presence, long at) {
        long[] l = records.words();
        int i = at(session);
        long last = l[i];
        if (seq != last + 1) {
            findings.violation(RULE, "session " + session + " got s = " + seq + " after s = " + last,
                    at, "session " + session);
        }
        l[i] = seq;
    }
}

package org.sysmodels.presence.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.session.Phase;

/**
 * Expiry costs O(1) per deadline set: over the run, the entries the expiry queue touches (fired or moved between
 * levels) stay within a constant times the deadlines set (each heartbeat, identify, lost connection and resume sets
 * one). A queue that scans every session on every tick breaks this as soon as there are more sessions than ticks.
 */
public final class ExpiryWorkBounded implements PresenceCheck {

    /** A hierarchical wheel touches an entry at most once per level and once when it fires. */
    public static final int PER_DEADLINE = 5;

    public static final Rule RULE = new Rule("expiry-o1", "expiry work is O(1) per deadline set: entries touched "
            + "≤ " + PER_DEADLINE + " × deadlines set (fired, or cascaded once per level), never a scan of every "
            + "session", "Varghese & Lauck, \"Hashed and Hierarchical Timing Wheels\" (SOSP 1987), scheme 7; Kafka "
            + "core/src/main/scala/kafka/utils/timer/TimingWheel.scala (O(1) insert and delete)");

    private static final long SLACK = 4096;

    private final Findings findings;
    private long deadlines;
    private long touched;

    public ExpiryWorkBounded(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void sessionOpened(int session, int user, Platform platform, int node, long at) {
        deadlines++;
    }

    @Override
    public void heartbeat(int session, long deadline, long at) {
        deadlines++;
    }

    @Override
    public void phaseChanged(int session, int user, Phase from, Phase to, long at) {
        deadlines += to == Phase.ENDED ? 0 : 1;
    }

    @Override
    public void expiryPass(int fired, long touchedNow, int scheduled, long at) {
        touched += touchedNow;
        if (touched > PER_DEADLINE * deadlines + SLACK) {
            findings.violation(RULE, String.format(java.util.Locale.ROOT, "%,d entries touched for %,d deadlines "
                    + "set (%.0f per deadline); this pass touched %,d of %,d scheduled to fire %,d", touched,
                    deadlines, touched / (double) Math.max(1, deadlines), touchedNow, scheduled, fired), at,
                    "expiry queue");
        }
    }

    public long touched() {
        return touched;
    }

    public long deadlines() {
        return deadlines;
    }
}

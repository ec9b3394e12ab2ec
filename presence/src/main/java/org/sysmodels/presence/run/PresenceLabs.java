package org.sysmodels.presence.run;

import java.util.List;
import java.util.function.UnaryOperator;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.presence.check.ExpiryWorkBounded;
import org.sysmodels.presence.check.InvisibleNeverOnline;
import org.sysmodels.presence.check.ReplayInOrder;
import org.sysmodels.presence.check.WatchLatestOnly;
import org.sysmodels.presence.host.labs.FifoOutbox;
import org.sysmodels.presence.host.labs.InvisibleShownOnline;
import org.sysmodels.presence.host.labs.NewestFirstReplay;
import org.sysmodels.presence.host.labs.ScanningExpiry;
import org.sysmodels.presence.scenario.PresenceScenario;

/** The bug labs of {@code sim presence}: each swaps one part for a variant from {@code host/labs}. */
public final class PresenceLabs {

    /** A lab, the parts it runs with, and how it sets up the scenario to show the bug (before the user's flags). */
    public record Lab(BugLab lab, UnaryOperator<SimParts> parts, UnaryOperator<PresenceScenario> setup) {
    }

    public static final List<Lab> ALL = List.of(
            new Lab(new BugLab("scan-expiry", "the expiry queue scans every session on every tick to find the "
                    + "expired ones", ExpiryWorkBounded.RULE, "keep deadlines on a hierarchical timing wheel: each "
                    + "tick looks only at the bucket that is due, so the work follows expiries, not sessions",
                    List.of("3,000 users, 1 minute of churn")),
                    p -> p.withExpiry(tick -> new ScanningExpiry()),
                    s -> s.withUsers(3_000).withGuilds(60).withDuration(60_000_000_000L)),
            new Lab(new BugLab("no-coalescing", "each subscriber's outbox is a FIFO queue of every update",
                    WatchLatestOnly.RULE, "keep only the newest presence per user in the outbox (watch semantics): "
                    + "a newer one replaces the one still waiting", List.of("300 users, 20% slow readers (one "
                    + "write per 2 s), status changes every 20 s, 1 minute")),
                    p -> p.withOutbox(FifoOutbox::new),
                    s -> s.withUsers(300).withGuilds(15).withSlow(0.2, 2_000_000_000L)
                            .withChurn(20_000_000_000L, s.sessionLife(), s.dropFraction(), s.resumeAfter(),
                                    s.neverBackFraction()).withDuration(60_000_000_000L)),
            new Lab(new BugLab("invisible-leak", "the aggregation skips invisible sessions instead of letting "
                    + "invisible hide the user everywhere", InvisibleNeverOnline.RULE, "if any session of the user "
                    + "set invisible, publish offline with no platform and no activity", List.of("1,000 users, 1 minute")),
                    p -> p.withAggregator(InvisibleShownOnline::new),
                    s -> s.withUsers(1_000).withGuilds(20).withDuration(60_000_000_000L)),
            new Lab(new BugLab("replay-out-of-order", "Resume replays the kept dispatches newest first",
                    ReplayInOrder.RULE, "replay the ring from the oldest kept dispatch after the client's seq, in "
                    + "order, then send what queued while the session was away", List.of("150 users whose "
                    + "connections drop every 30 s and resume 2 s later, status changes every 5 s, 40 s")),
                    p -> p.withReplay(SimParts.Replays.perSession(NewestFirstReplay::new)),
                    s -> s.withUsers(150).withGuilds(6).withChurn(5_000_000_000L, 30_000_000_000L, 0.9,
                            2_000_000_000L, 0.0).withDuration(40_000_000_000L)));

    private PresenceLabs() {
    }

    public static List<BugLab> labs() {
        return ALL.stream().map(Lab::lab).toList();
    }

    public static Lab byName(String name) {
        return ALL.stream().filter(l -> l.lab().name().equals(name)).findFirst().orElseThrow();
    }
}

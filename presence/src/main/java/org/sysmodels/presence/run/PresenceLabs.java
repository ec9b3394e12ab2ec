package org.sysmodels.presence.run;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.time.SimTime;
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

    /**
     * A lab, the parts it runs with, how it sets up the scenario to show the bug (before the user's flags), and how
     * that set-up reads for a given world: {@code lab}'s declared set-up is it for the lab's own world, and a run
     * shows it for the world it ran ({@link #asRun}), so a flag that changed the set-up is not hidden.
     */
    public record Lab(BugLab lab, UnaryOperator<SimParts> parts, UnaryOperator<PresenceScenario> setup,
                      Function<PresenceScenario, String> shown) {

        static Lab of(String name, String mistake, Rule rule, String fix, UnaryOperator<SimParts> parts,
                      UnaryOperator<PresenceScenario> setup, Function<PresenceScenario, String> shown) {
            String declared = shown.apply(setup.apply(PresenceScenario.DEFAULT));
            return new Lab(new BugLab(name, mistake, rule, fix, List.of(declared)), parts, setup, shown);
        }

        /** The lab as run on {@code sc} (its set-up and the user's flags applied): its set-up line shows {@code sc}. */
        public BugLab asRun(PresenceScenario sc) {
            return new BugLab(lab.name(), lab.mistake(), lab.rule(), lab.fix(), List.of(shown.apply(sc)));
        }
    }

    public static final List<Lab> ALL = List.of(
            Lab.of("scan-expiry", "the expiry queue scans every session on every tick to find the expired ones",
                    ExpiryWorkBounded.RULE, "keep deadlines on a hierarchical timing wheel: each tick looks only at "
                    + "the bucket that is due, so the work follows expiries, not sessions",
                    p -> p.withExpiry(tick -> new ScanningExpiry()),
                    s -> s.withUsers(3_000).withGuilds(60).withDuration(60_000_000_000L),
                    s -> users(s) + ", " + time(s.duration()) + " of churn"),
            Lab.of("no-coalescing", "each subscriber's outbox is a FIFO queue of every update",
                    WatchLatestOnly.RULE, "keep only the newest presence per user in the outbox (watch semantics): "
                    + "a newer one replaces the one still waiting",
                    p -> p.withOutbox(FifoOutbox::new),
                    s -> s.withUsers(300).withGuilds(15).withSlow(0.2, 2_000_000_000L)
                            .withChurn(20_000_000_000L, s.sessionLife(), s.dropFraction(), s.resumeAfter(),
                                    s.neverBackFraction()).withDuration(60_000_000_000L),
                    s -> String.format(Locale.ROOT, "%s, %s%% slow readers (one write per %s), status changes "
                            + "every %s, %s", users(s), percent(s.slowFraction()), time(s.slowWriteEvery()),
                            time(s.changeEvery()), time(s.duration()))),
            Lab.of("invisible-leak", "the aggregation skips invisible sessions instead of letting invisible hide "
                    + "the user everywhere", InvisibleNeverOnline.RULE, "if any session of the user set invisible, "
                    + "publish offline with no platform and no activity",
                    p -> p.withAggregator(InvisibleShownOnline::new),
                    s -> s.withUsers(1_000).withGuilds(20).withDuration(60_000_000_000L),
                    s -> users(s) + ", " + time(s.duration())),
            Lab.of("replay-out-of-order", "Resume replays the kept dispatches newest first",
                    ReplayInOrder.RULE, "replay the ring from the oldest kept dispatch after the client's seq, in "
                    + "order, then send what queued while the session was away",
                    p -> p.withReplay(SimParts.Replays.perSession(NewestFirstReplay::new)),
                    s -> s.withUsers(150).withGuilds(6).withChurn(5_000_000_000L, 30_000_000_000L, 0.9,
                            2_000_000_000L, 0.0).withDuration(40_000_000_000L),
                    s -> users(s) + " whose connections drop every " + time(s.sessionLife()) + " and resume "
                            + time(s.resumeAfter()) + " later, status changes every " + time(s.changeEvery()) + ", "
                            + time(s.duration())));

    private PresenceLabs() {
    }

    public static List<BugLab> labs() {
        return ALL.stream().map(Lab::lab).toList();
    }

    public static Lab byName(String name) {
        return ALL.stream().filter(l -> l.lab().name().equals(name)).findFirst().orElseThrow();
    }

    private static String users(PresenceScenario s) {
        return String.format(Locale.ROOT, "%,d users", s.users());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f", fraction * 100);
    }

    private static String time(long ns) {
        return SimTime.formatExact(ns);
    }
}

package org.sysmodels.presence.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.host.labs.ScanningExpiry;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * The tour section: a cluster of 2,000 users through two minutes of churn (traced), what a slow reader costs
 * with and without coalescing, expiry work of the timing wheel against a scan as sessions grow, and bytes per user
 * of the two store layouts.
 */
public final class PresenceTour {

    private PresenceTour() {
    }

    public static RunResult run(RunResult.Builder b, RunRequest request) {
        long seed = request.seed();
        PresenceScenario base = PresenceScenario.DEFAULT.withUsers(2_000).withGuilds(40)
                .withDuration(120_000_000_000L);
        PresenceSimulation.Outcome main = PresenceSimulation.run(base, seed, SimParts.reference(),
                request.tracer("presence"), false);
        main.describe(b);
        b.checks(main.checker().rules()).findings(main.findings()).trace(main.trace());

        // coalescing against a FIFO outbox, slow readers
        PresenceScenario slow = base.withUsers(1_000).withGuilds(50).withSlow(0.2, 2_000_000_000L).withChurn(20_000_000_000L, base.sessionLife(),
                base.dropFraction(), base.resumeAfter(), base.neverBackFraction()).withDuration(60_000_000_000L);
        PresenceSimulation.Outcome watch = PresenceSimulation.run(slow, seed, SimParts.reference(), Tracer.off(),
                false);
        PresenceSimulation.Outcome fifo = PresenceSimulation.run(slow, seed, SimParts.reference()
                .withOutbox(org.sysmodels.presence.host.labs.FifoOutbox::new), Tracer.off(), false);
        b.table(new Table("A slow reader (one write per 2 s, 20% of sessions): coalescing vs a FIFO outbox",
                List.of("outbox", "presences queued", "largest outbox", "deliveries", "p99 latency"),
                List.of(row("watch (newest per user)", watch), row("FIFO (every update)", fifo))));

        // expiry work as sessions grow
        int[] users = {1_000, 4_000, 16_000};
        double[] x = new double[users.length];
        double[] wheel = new double[users.length];
        double[] scan = new double[users.length];
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            PresenceScenario s = PresenceScenario.DEFAULT.withUsers(users[i]).withGuilds(Math.max(10, users[i] / 50))
                    .withDuration(30_000_000_000L);
            PresenceSimulation.Outcome w = PresenceSimulation.run(s, seed, SimParts.reference(), Tracer.off(), false);
            PresenceSimulation.Outcome sc = PresenceSimulation.run(s, seed, SimParts.reference()
                    .withExpiry(t -> new ScanningExpiry()), Tracer.off(), false);
            x[i] = users[i];
            wheel[i] = w.expiryTouched() / (double) Math.max(1, w.deadlines());
            scan[i] = sc.expiryTouched() / (double) Math.max(1, sc.deadlines());
            rows.add(List.of(String.format(Locale.ROOT, "%,d", users[i]), fmt(wheel[i]), fmt(scan[i])));
        }
        b.table(new Table("Expiry work per deadline set (30 s of churn, 30 s heartbeats)", List.of("users", "timing wheel",
                "scan every tick"), rows));
        b.plot(new Plot("expiry-work", "Expiry entries touched per deadline set", "users", "entries per deadline",
                Plot.Kind.LINE, true, true, List.of(new Series("timing wheel", x, wheel),
                new Series("scan every tick", x, scan))));

        // memory of the two layouts
        List<List<String>> mem = new ArrayList<>();
        PresenceScenario m = PresenceScenario.DEFAULT.withUsers(20_000).withGuilds(400);
        StoreMemory.Comparison layouts = StoreMemory.compare(m, seed);
        StoreMemory.Measured compact = layouts.compact();
        StoreMemory.Measured object = layouts.object();
        mem.add(List.of("compact (primitive arrays)", String.format(Locale.ROOT, "%.0f", compact.perUser())));
        mem.add(List.of("object per entity", String.format(Locale.ROOT, "%.0f", object.perUser())));
        b.table(new Table("Bytes per user, 20,000 users with 20 friends and 1-3 sessions (heap after GC)",
                List.of("store", "bytes per user"), mem));
        b.summary(String.format(Locale.ROOT, "Layout: the object store takes %.1f× the memory of the compact one "
                + "for the same users (measured here, not the myth's \"45%%\").", object.perUser()
                / compact.perUser()));
        return b.build();
    }

    private static List<String> row(String name, PresenceSimulation.Outcome o) {
        return List.of(name, String.format(Locale.ROOT, "%,d", o.queued()), String.format(Locale.ROOT, "%,d",
                o.maxPending()), String.format(Locale.ROOT, "%,d", o.deliveries()),
                SimTime.format(o.latency().percentile(99)));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

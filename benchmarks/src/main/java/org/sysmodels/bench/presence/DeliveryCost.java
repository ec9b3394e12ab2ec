package org.sysmodels.bench.presence;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.run.PresenceSimulation;
import org.sysmodels.presence.run.SimParts;
import org.sysmodels.presence.scenario.PresenceScenario;
import org.sysmodels.presence.scenario.PresenceScenarios;

/**
 * The CPU time of the presence simulation per delivery, all its work included (fan-out, heartbeats, scheduler,
 * checks), in {@code large}'s world scaled to USERS with the shape of each community kept: 100,000 guilds per 5 M
 * users (so a guild still has about 100 members) and one sampled observer per 5,000 users (so the convergence check
 * samples one session in 10,000, as at 5 M). One shard, on this thread. Run it with 5,000 users, whose state fits a
 * core's own cache, and with 5,000,000, whose state does not: the first figure is what the simulation's instructions
 * cost, the difference what its cache misses cost (docs/presence.md, "Compute or memory"). With CELL above 0 the
 * world runs in cells of CELL users on this one thread, a cell at a time (docs/presence.md, "Cells"): at 5 M users
 * try {@code 5000000 120 120 2 5000}.
 *
 * <p>{@code java -Xms6g -Xmx6g -XX:+UseParallelGC -XX:+UseTransparentHugePages -cp benchmarks.jar
 * org.sysmodels.bench.presence.DeliveryCost USERS [WARM_S [MEASURE_S [ROUNDS [CELL]]]]} (defaults 5,000 users, 3,000 s
 * of warm-up, 3 rounds of 20,000 simulated seconds, all inside the run's day of churn, one world; at 5 M users try
 * {@code 5000000 60 30 3}).
 */
public final class DeliveryCost {

    private DeliveryCost() {
    }

    private static final String USAGE = "usage: DeliveryCost USERS [WARM_S [MEASURE_S [ROUNDS [CELL]]]] (whole "
            + "numbers, USERS at least 2, MEASURE_S and ROUNDS at least 1, CELL 0 or a multiple of 1,000)";

    public static void main(String[] args) throws Exception {
        int users;
        long warm;
        long measure;
        int rounds;
        int cell;
        try {
            users = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
            warm = args.length > 1 ? Long.parseLong(args[1]) : 3_000;
            measure = args.length > 2 ? Long.parseLong(args[2]) : 20_000;
            rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
            cell = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        } catch (NumberFormatException e) {
            System.err.println("DeliveryCost: not a whole number: " + e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        if (users < 2 || warm < 0 || measure < 1 || rounds < 1 || cell < 0 || cell % 1_000 != 0 || args.length > 5) {
            System.err.println("DeliveryCost: " + String.join(" ", args) + ": " + USAGE);
            System.exit(2);
        }
        // one world unless CELL is given
        PresenceScenario large = PresenceScenarios.large().withCell(0);
        double scale = users / (double) large.users();
        PresenceScenario s = large.withUsers(users)
                .withGuilds(Math.max(1, (int) Math.round(large.guilds() * scale)))
                .withSampled(Math.max(1, (int) Math.round(large.sampled() * scale)))
                .withDuration(86_400_000_000_000L).withCell(cell);
        PresenceSimulation.Live live = PresenceSimulation.prepare(s, 42, SimParts.reference(), Tracer.off(), false,
                1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        live.runUntil(warm * 1_000_000_000L);
        long from = warm;
        for (int r = 0; r < rounds; r++) {
            PresenceSimulation.Stats a = live.stats();
            long cpu = threads.getCurrentThreadCpuTime();
            live.runUntil((from + measure) * 1_000_000_000L);
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            PresenceSimulation.Stats b = live.stats();
            long deliveries = b.deliveries() - a.deliveries();
            System.out.printf(Locale.ROOT, "users %,d, simulated %,d s from %,d s: %.1f ns of this thread's CPU per "
                    + "delivery (%,.0f deliveries, %,.0f heartbeats, %,.0f events per simulated second)%n", users,
                    measure, from, cpu / (double) Math.max(1, deliveries), deliveries / (double) measure,
                    (b.heartbeats() - a.heartbeats()) / (double) measure, (b.events() - a.events()) / (double) measure);
            from += measure;
        }
    }
}

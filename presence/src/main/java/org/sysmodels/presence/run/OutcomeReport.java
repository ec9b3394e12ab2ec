package org.sysmodels.presence.run;

import java.util.Locale;
import java.util.Map;
import org.sysmodels.core.run.PercentilePlot;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.presence.scenario.PresenceScenario;

/** The summary lines and the latency plot of one simulation's {@link PresenceSimulation.Outcome}. */
final class OutcomeReport {

    private OutcomeReport() {
    }

    static void describe(PresenceSimulation.Outcome o, RunResult.Builder b) {
        PresenceScenario sc = o.scenario();
        b.summary(String.format(Locale.ROOT, "%,d users (%s store%s) on %d gateway nodes, %s of churn then %s "
                + "settling; %,d events in %.1f s wall (%.0f× real time).", sc.users(), sc.store(),
                sc.community() > 0 ? String.format(Locale.ROOT, ", communities of %,d", sc.community()) : "",
                sc.nodes(), SimTime.format(o.churnNs()), SimTime.format(o.simulatedNs() - o.churnNs()), o.events(),
                o.wallNs() / 1e9, o.realTimeFactor()));
        if (o.shards() > 1) {
            b.summary(String.format(Locale.ROOT, "%d shards side by side (users and gateway nodes split, %s "
                    + "windows: the least backbone delay); %,d presences crossed between shards.", o.shards(),
                    SimTime.format(sc.backboneMin()), o.crossShardMessages()));
        }
        if (o.cells() > 1) {
            b.summary(String.format(Locale.ROOT, "%,d cells of %s users (whole communities: no friendship or "
                    + "guild crosses a cell), each its own presence cluster with its own link to every gateway node, "
                    + "run in turn on %d thread%s, %s of one cell at a time.", o.cells(),
                    Cells.sizes(sc).describe(),
                    o.threads(), o.threads() == 1 ? "" : "s", SimTime.format(Cells.SLICE_NS)));
        }
        b.summary(String.format(Locale.ROOT, "fan-out: %,d deliveries in %,d node messages (%.1f sessions per "
                + "message, Manifold's per-node batching); %,d status changes, %,d heartbeats.", o.deliveries(),
                o.nodeMessages(), o.deliveries() / (double) Math.max(1, o.nodeMessages()), o.changes(),
                o.heartbeats()));
        if (o.latency().count() == 0) {
            b.summary("end-to-end update latency: none measured, no change reached a watcher (a world this "
                    + "small or a run this short; give more --users or a longer --duration)");
        } else {
            b.summary(String.format(Locale.ROOT, "end-to-end update latency p50 %s, p99 %s, p99.9 %s (two "
                    + "client links of %s, backbone up to %s, slow readers)",
                    SimTime.format(o.latency().percentile(50)), SimTime.format(o.latency().percentile(99)),
                    SimTime.format(o.latency().percentile(99.9)), SimTime.format(sc.link()),
                    SimTime.format(2 * sc.backbone() - sc.backboneMin())));
            b.plot(PercentilePlot.of("update-latency", "End-to-end update latency (status change to the "
                    + "watcher's client)", Map.of("all deliveries", o.latency())));
        }
        b.summary(String.format(Locale.ROOT, "coalescing: %,d presences queued for slow or detached sessions; "
                + "the largest outbox held %,d (one per watched user at most).", o.queued(), o.maxPending()));
        b.summary(String.format(Locale.ROOT, "churn: %,d sessions left, %,d resumed (replay in order), %,d "
                + "could not resume; expiry touched %.2f entries per deadline set.", o.leaves(), o.resumeOk(),
                o.resumeInvalid(), o.expiryTouched() / (double) Math.max(1, o.deadlines())));
        b.summary(String.format(Locale.ROOT, "convergence: %,d sampled observers, %,d (observer, user) views "
                + "compared with the truth after churn stopped.", o.observers(), o.converged()));
        if (o.stateBytes() >= Heap.MEASURABLE) {
            b.summary(String.format(Locale.ROOT, "simulation memory: %,.0f bytes per user for the whole warm "
                    + "simulation (%s store, graph, sessions, simulated clients and nodes, scheduler, checks; "
                    + "heap after GC, before the run; fixed costs weigh more in small worlds).",
                    o.stateBytes() / (double) sc.users(), sc.store()));
        }
    }
}

package org.sysmodels.presence.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.TraceLog;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.check.Convergence;
import org.sysmodels.presence.check.ExpiryOnTime;
import org.sysmodels.presence.check.ExpiryWorkBounded;
import org.sysmodels.presence.check.InvisibleNeverOnline;
import org.sysmodels.presence.check.PresenceCheck;
import org.sysmodels.presence.check.ReplayInOrder;
import org.sysmodels.presence.check.WatchLatestOnly;
import org.sysmodels.presence.host.ClientBehaviour;
import org.sysmodels.presence.host.SimClients;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.store.CompactStore;
import org.sysmodels.presence.model.store.ObjectStore;
import org.sysmodels.presence.model.store.PresenceStore;
import org.sysmodels.presence.model.store.SocialGraph;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * One deterministic simulation of a presence cluster, wired together: a random social graph, a warm start (every
 * user online with 1 to 3 sessions, every observer holding the current presences, as after READY), clients that
 * heartbeat, change status, go idle and churn for the scenario's duration, then a settling period until every lost
 * session has resumed or expired and every queue has drained, and the checks' verdict. A pure function of
 * (scenario, seed, parts): the same inputs give the same trace byte for byte; only the wall-clock and heap figures
 * differ between runs.
 */
public final class PresenceSimulation {

    /** Everything a run produced. */
    public record Outcome(PresenceScenario scenario, PresenceCore core, Checker<PresenceCheck> checker,
                          LatencyHistogram latency, TraceLog trace, long simulatedNs, long wallNs, long events,
                          long deliveries, long nodeMessages, long queued, long maxPending, long resumeOk,
                          long resumeInvalid, long changes, long leaves, long heartbeats, long expiryTouched,
                          long deadlines, int converged, int observers, long storeBytes, long churnNs) {

        public Findings findings() {
            return checker.findings();
        }

        /** Simulated seconds per wall second. */
        public double realTimeFactor() {
            return simulatedNs / (double) Math.max(1, wallNs);
        }

        public Metrics metrics() {
            Metrics m = new Metrics();
            double simS = churnNs / 1e9;
            m.value("users", scenario.users(), "");
            m.value("sessions at end", core.store().sessionCount(), "");
            m.value("deliveries", deliveries, "");
            m.value("deliveries per simulated second", deliveries / Math.max(1e-9, simulatedNs / 1e9), "/s");
            m.value("fan-out node messages", nodeMessages, "");
            m.value("node messages per simulated second", nodeMessages / Math.max(1e-9, simulatedNs / 1e9), "/s");
            m.value("update latency p50", latency.percentile(50), "ns");
            m.value("update latency p99", latency.percentile(99), "ns");
            m.value("update latency p99.9", latency.percentile(99.9), "ns");
            m.value("queued (slow or detached)", queued, "");
            m.value("largest outbox", maxPending, "");
            m.value("resumes", resumeOk, "");
            m.value("heartbeats", heartbeats, "");
            m.value("expiry entries touched per deadline", expiryTouched / (double) Math.max(1, deadlines), "");
            m.value("simulated / wall time", realTimeFactor(), "x");
            m.value("status changes per simulated second", changes / Math.max(1e-9, simS), "/s");
            if (storeBytes > 0) {
                m.value("store bytes per user", storeBytes / (double) scenario.users(), "B");
            }
            return m;
        }

        public void describe(RunResult.Builder b) {
            b.summary(String.format(Locale.ROOT, "%,d users (%s store%s) on %d gateway nodes, %s of churn then %s "
                    + "settling; %,d events in %.1f s wall (%.0f× real time).", scenario.users(), scenario.store(),
                    scenario.community() > 0 ? String.format(Locale.ROOT, ", communities of %,d",
                            scenario.community()) : "", scenario.nodes(), SimTime.format(churnNs), SimTime.format(simulatedNs - churnNs), events,
                    wallNs / 1e9, realTimeFactor()));
            b.summary(String.format(Locale.ROOT, "fan-out: %,d deliveries in %,d node messages (%.1f sessions per "
                    + "message, Manifold's per-node batching); %,d status changes, %,d heartbeats.", deliveries,
                    nodeMessages, deliveries / (double) Math.max(1, nodeMessages), changes, heartbeats));
            b.summary(String.format(Locale.ROOT, "end-to-end update latency p50 %s, p99 %s, p99.9 %s (two client "
                    + "links of %s, backbone up to %s, slow readers)", SimTime.format(latency.percentile(50)),
                    SimTime.format(latency.percentile(99)), SimTime.format(latency.percentile(99.9)),
                    SimTime.format(scenario.link()), SimTime.format(2 * scenario.backbone())));
            b.summary(String.format(Locale.ROOT, "coalescing: %,d presences queued for slow or detached sessions; "
                    + "the largest outbox held %,d (one per watched user at most).", queued, maxPending));
            b.summary(String.format(Locale.ROOT, "churn: %,d sessions left, %,d resumed (replay in order), %,d "
                    + "could not resume; expiry touched %.2f entries per deadline set.", leaves, resumeOk,
                    resumeInvalid, expiryTouched / (double) Math.max(1, deadlines)));
            b.summary(String.format(Locale.ROOT, "convergence: %,d sampled observers, %,d (observer, user) views "
                    + "compared with the truth after churn stopped.", observers, converged));
            if (storeBytes > 0) {
                b.summary(String.format(Locale.ROOT, "memory: %,.0f bytes per user in the %s store (graph, sessions,"
                        + " presences; measured on the heap after GC).", storeBytes / (double) scenario.users(),
                        scenario.store()));
            }
        }
    }

    private PresenceSimulation() {
    }

    /**
     * Runs {@code sc} from {@code seed} with {@code parts}: churn for the scenario's duration, then settling.
     *
     * @param measureMemory measure the heap the run's state takes (full GCs: slower, not deterministic)
     */
    public static Outcome run(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory) {
        Live live = prepare(sc, seed, parts, tracer, measureMemory);
        live.runUntil(sc.duration());
        return live.settleAndFinish();
    }

    /** Builds the world and the warm cluster; nothing has run yet (benchmarks step it with {@link Live#runUntil}). */
    public static Live prepare(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory) {
        return new Live(sc, seed, parts, tracer, measureMemory);
    }

    /** A prepared simulation that can be advanced in steps. */
    public static final class Live {
        private final PresenceScenario sc;
        private final long wall0 = System.nanoTime();
        private final Scheduler sched;
        private final long tick;
        private final Timeouts timeouts;
        private final Checker<PresenceCheck> checker;
        private final ExpiryWorkBounded work;
        private final Convergence convergence;
        private final Counting counting = new Counting();
        private final LatencyHistogram latency = new LatencyHistogram("update latency");
        private final SimNodes nodes;
        private final PresenceCore core;
        private final SimClients clients;
        private final Tracer tracer;
        private final long storeBytes;

        private Live(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory) {
            this.sc = sc;
            this.tracer = tracer;
            RandomStreams streams = new RandomStreams(seed);
            long before = measureMemory ? Heap.used() : 0;
            SocialGraph graph = WorldBuilder.build(sc, streams.stream("presence/world"));
            PresenceStore store = sc.store().equals("object") ? new ObjectStore(graph)
                    : new CompactStore(graph, SimParts.expectedSessions(sc));
            sched = new Scheduler(Math.max(1024, sc.users() * 2));
            tick = Math.max(1_000_000L, Math.min(100_000_000L, sc.heartbeatInterval() / 50));
            timeouts = new Timeouts(sc.heartbeatInterval(), sc.heartbeatInterval() / 2, sc.resumeWindow());

            int sampleStride = Math.max(1, sc.sampled() == 0 ? Integer.MAX_VALUE : sc.users() * 2 / sc.sampled());
            IntPredicate sampled = s -> sc.sampled() > 0 && s % sampleStride == 0;
            Findings findings = new Findings();
            work = new ExpiryWorkBounded(findings);
            convergence = new Convergence(findings, store, sampled);
            List<PresenceCheck> checks = List.of(new InvisibleNeverOnline(findings), new WatchLatestOnly(findings),
                    new ReplayInOrder(findings), work, new ExpiryOnTime(findings, timeouts, tick), convergence);
            checker = new Checker<>(checks, findings);
            List<PresenceObserver> observers = new ArrayList<>(checks);
            observers.add(counting);
            if (tracer.enabled()) {
                observers.add(new TraceObserver(tracer, sampled));
            }
            PresenceObserver observer = new Fanout(observers);

            nodes = new SimNodes(sched, sc, streams.stream("presence/nodes"), observer, parts, sampled, latency,
                    tracer);
            core = new PresenceCore(store, parts.aggregator().get(), parts.expiry().apply(tick), timeouts, nodes,
                    observer);
            clients = new SimClients(sched, nodes, new ClientBehaviour(sc.changeEvery(), sc.idleAfter(),
                    sc.sessionLife(), sc.dropFraction(), sc.resumeAfter(), sc.neverBackFraction(), sc.nodes(),
                    sc.maxSessions(), sc.heartbeatInterval(), sc.duration()), streams.stream("presence/clients"),
                    SimParts.expectedSessions(sc));
            nodes.attach(core, clients);

            // warm start: every user online, every observer already told (as READY would)
            for (int u = 0; u < sc.users(); u++) {
                for (int i = 0, k = clients.sessionsForUser(); i < k; i++) {
                    core.restore(u, clients.platform(), clients.node(), PresenceUpdate.of(clients.initialStatus()),
                            true, 0);
                }
            }
            for (int u = 0; u < sc.users(); u++) {
                core.publishQuietly(u, 0);
            }
            for (int s = 0; s < store.sessionCapacity(); s++) {
                nodes.opened(s);
                clients.adopt(s, store.status(s));
            }
            storeBytes = measureMemory ? Heap.used() - before : 0;
            sched.at(tick, new Runnable() {
                @Override
                public void run() {
                    core.advance(sched.now());
                    sched.after(tick, this);
                }
            });
            clients.start();
        }

        /** Runs the simulation up to virtual time {@code t}. */
        public void runUntil(long t) {
            sched.runUntil(t);
        }

        public long now() {
            return sched.now();
        }

        /** The run's counters so far (a benchmark's breakdown of where the events go). */
        public Stats stats() {
            return new Stats(sched.executed(), sched.pending(), counting.heartbeats, nodes.deliveries,
                    nodes.nodeMessages, clients.changes(), clients.leaves(), core.expiry().size());
        }

        /** Lets every lost session resume or expire and every queue drain, then asks the checks. */
        public Outcome settleAndFinish() {
            long churn = sc.duration();
            long settle = sc.resumeWindow() + timeouts.heartbeatTimeoutNs() + 4 * tick + 2 * sc.link()
                    + 4 * sc.backbone();
            sched.runUntil(Math.max(sched.now(), churn + settle));
            long cap = churn + settle + 3_600_000_000_000L;
            while (nodes.pendingSessions() > 0 && sched.now() < cap) {
                sched.runUntil(sched.now() + Math.max(sc.slowWriteEvery() * 10, 1_000_000_000L));
            }
            long end = sched.now();
            checker.finish(end);
            return new Outcome(sc, core, checker, latency, tracer.log(), end, System.nanoTime() - wall0,
                    sched.executed(), nodes.deliveries, nodes.nodeMessages, nodes.queued, nodes.maxPending,
                    nodes.resumeOk, nodes.resumeInvalid, clients.changes(), clients.leaves(), counting.heartbeats,
                    work.touched(), work.deadlines(), convergence.compared(), convergence.observers(), storeBytes,
                    churn);
        }
    }

    /**
     * Counters of a running simulation: scheduler events run and pending, heartbeats handled, deliveries written,
     * node messages (one scheduler event each), status changes and session ends the clients made, expiry entries.
     */
    public record Stats(long events, long pending, long heartbeats, long deliveries, long nodeMessages,
                        long changes, long leaves, long expiryEntries) {
    }

    /** Counts what the metrics need that no check keeps. */
    private static final class Counting implements PresenceObserver {
        long heartbeats;

        @Override
        public void heartbeat(int session, long deadline, long at) {
            heartbeats++;
        }
    }
}

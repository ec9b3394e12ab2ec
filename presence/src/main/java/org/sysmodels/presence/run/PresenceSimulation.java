package org.sysmodels.presence.run;

import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.metrics.Metrics;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.run.PercentilePlot;
import org.sysmodels.core.run.Progress;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.TraceLog;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.check.PresenceCheck;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.core.PresenceObserver;
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
                          long deadlines, int converged, int observers, long stateBytes, long churnNs, int shards,
                          long sessionsAtEnd, long crossShardMessages, int cells, int threads) {

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
            m.value("sessions at end", sessionsAtEnd, "");
            m.value("deliveries", deliveries, "");
            m.value("deliveries per simulated second", deliveries / Math.max(1e-9, simulatedNs / 1e9), "/s");
            m.value("fan-out node messages", nodeMessages, "");
            m.value("node messages per simulated second", nodeMessages / Math.max(1e-9, simulatedNs / 1e9), "/s");
            if (latency.count() > 0) {
                m.value("update latency p50", latency.percentile(50), "ns");
                m.value("update latency p99", latency.percentile(99), "ns");
                m.value("update latency p99.9", latency.percentile(99.9), "ns");
            }
            m.value("queued (slow or detached)", queued, "");
            m.value("largest outbox", maxPending, "");
            m.value("resumes", resumeOk, "");
            m.value("heartbeats", heartbeats, "");
            m.value("expiry entries touched per deadline", expiryTouched / (double) Math.max(1, deadlines), "");
            m.value("simulated / wall time", realTimeFactor(), "x");
            m.value("status changes per simulated second", changes / Math.max(1e-9, simS), "/s");
            if (stateBytes >= Heap.MEASURABLE) {
                m.value("simulation state bytes per user", stateBytes / (double) scenario.users(), "B");
            }
            return m;
        }

        public void describe(RunResult.Builder b) {
            OutcomeReport.describe(this, b);
        }
    }

    /** How often a run with a progress line stops to report: every simulated second. */
    private static final long PROGRESS_STEP_NS = 1_000_000_000L;

    private PresenceSimulation() {
    }

    /**
     * Runs {@code sc} from {@code seed} with {@code parts}: churn for the scenario's duration, then settling.
     *
     * @param measureMemory measure the heap the whole warm simulation takes (full GCs: slower, not deterministic)
     */
    public static Outcome run(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory) {
        return run(sc, seed, parts, tracer, measureMemory, 1);
    }

    /**
     * As {@link #run(PresenceScenario, long, SimParts, Tracer, boolean)}, split into {@code shards} shards that run
     * side by side ({@link Lockstep}); more than one needs {@code backboneMin > 0} and the trace off. The outcome is
     * a function of (scenario, seed, shards): the same shard count gives the same outcome run after run.
     */
    public static Outcome run(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory,
                              int shards) {
        return run(sc, seed, parts, tracer, measureMemory, shards, Progress.NONE);
    }

    /**
     * As {@link #run(PresenceScenario, long, SimParts, Tracer, boolean, int)}, telling {@code progress} after each
     * simulated second how much of the planned virtual time (churn and settling) has run. Stopping every second
     * changes nothing the run does: the shards' windows keep their grid ({@link Lockstep}).
     */
    public static Outcome run(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory,
                              int shards, Progress progress) {
        return run(sc, seed, parts, tracer, measureMemory, shards, 1, progress);
    }

    /**
     * As {@link #run(PresenceScenario, long, SimParts, Tracer, boolean, int, Progress)}, a world in cells running
     * them on {@code threads} threads (which changes nothing but the speed: {@link Cells}).
     */
    public static Outcome run(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory,
                              int shards, int threads, Progress progress) {
        Live live = prepare(sc, seed, parts, tracer, measureMemory, shards, threads);
        live.runUntil(sc.duration(), progress);
        return live.settleAndFinish(progress);
    }

    /** Builds the world and the warm cluster; nothing has run yet (benchmarks step it with {@link Live#runUntil}). */
    public static Live prepare(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory) {
        return prepare(sc, seed, parts, tracer, measureMemory, 1);
    }

    /** As {@link #prepare(PresenceScenario, long, SimParts, Tracer, boolean)} in {@code shards} shards. */
    public static Live prepare(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory,
                               int shards) {
        return prepare(sc, seed, parts, tracer, measureMemory, shards, 1);
    }

    /** As {@link #prepare(PresenceScenario, long, SimParts, Tracer, boolean, int)}; a world in cells runs on
     * {@code threads} threads. */
    public static Live prepare(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory,
                               int shards, int threads) {
        return new Live(sc, seed, parts, tracer, measureMemory, shards, threads, k -> { }, null);
    }

    /** A prepared simulation that can be advanced in steps. */
    public static final class Live {
        private final PresenceScenario sc;
        private final long wall0 = System.nanoTime();
        private final Shard[] shards;
        private final Split split;
        private final Tracer tracer;
        /** The heap the warm simulation takes (everything built before the run), or 0 if not measured. */
        private final long stateBytes;

        /**
         * @param beforeWindow called by each shard's thread before each window (tests hold threads up with it)
         * @param extra        one more observer per shard (tests), or null
         */
        Live(PresenceScenario sc, long seed, SimParts parts, Tracer tracer, boolean measureMemory, int shards,
             int threads, IntConsumer beforeWindow, IntFunction<PresenceObserver> extra) {
            if (shards < 1 || shards > sc.nodes()) {
                throw new IllegalArgumentException("shards " + shards + " must be 1 to the node count, "
                        + sc.nodes());
            }
            if (shards > 1 && sc.backboneMin() <= 0) {
                throw new IllegalArgumentException("a run in " + shards + " shards needs backboneMin > 0: the "
                        + "least time a message between shards takes is how far they may run apart");
            }
            if (shards > 1 && tracer.enabled()) {
                throw new IllegalArgumentException("a trace needs one shard");
            }
            if (sc.cells() > 1 && shards > 1) {
                throw new IllegalArgumentException("a world in " + sc.cells() + " cells runs its cells on threads; "
                        + "shards split one world (cell 0)");
            }
            if (sc.cells() > 1 && tracer.enabled()) {
                throw new IllegalArgumentException("a trace needs one world (cell 0)");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads " + threads + " is not at least 1");
            }
            if (sc.cellsCutGuilds() != null) {
                throw new IllegalArgumentException("cells of " + sc.cell() + " users: " + sc.cellsCutGuilds());
            }
            this.sc = sc;
            this.tracer = tracer;
            long before = measureMemory ? Heap.used() : 0;
            if (sc.cells() > 1) {
                this.shards = Cells.build(sc, seed, parts, threads, extra);
                split = new Cells(this.shards, threads);
            } else {
                RandomStreams streams = new RandomStreams(seed);
                SocialGraph graph = WorldBuilder.build(sc, streams.stream("presence/world"));
                this.shards = new Shard[shards];
                IntFunction<PresenceStore> owner = user -> ownerOf(user).core.store();
                for (int k = 0; k < shards; k++) {
                    this.shards[k] = new Shard(sc, graph, streams, k, shards, parts, tracer, owner,
                            extra == null ? null : extra.apply(k));
                }
                for (Shard to : this.shards) {
                    for (Shard from : this.shards) {
                        for (int u = from.firstUser; u < from.endUser && from != to; u++) {
                            to.restoreReplica(from.core.presence(u));
                        }
                    }
                }
                Lockstep lockstep = new Lockstep(this.shards, sc.backboneMin(), beforeWindow,
                        shards == 1 ? null : WatcherShards.of(graph, shards));
                for (Shard s : this.shards) {
                    s.start(lockstep::publish);
                }
                split = lockstep;
            }
            stateBytes = measureMemory ? Heap.used() - before : 0;
        }

        private Shard ownerOf(int user) {
            int k = (int) ((long) user * shards.length / sc.users());
            while (user < shards[k].firstUser) {
                k--;
            }
            while (user >= shards[k].endUser) {
                k++;
            }
            return shards[k];
        }

        /** Runs the simulation up to virtual time {@code t}. */
        public void runUntil(long t) {
            split.runUntil(t);
        }

        /** {@link #runUntil(long)}, reporting to {@code progress} after each simulated second. */
        void runUntil(long t, Progress progress) {
            if (progress == Progress.NONE) {
                runUntil(t);
                return;
            }
            long planned = sc.duration() + settleTime();
            long step = split instanceof Cells ? Cells.SLICE_NS : PROGRESS_STEP_NS;
            while (now() < t) {
                runUntil(Math.min(t, now() + step));
                progress.report(Math.min(1, now() / (double) planned), "virtual time");
            }
        }

        public long now() {
            return shards.length == 1 ? shards[0].sched.now() : split.now();
        }

        /** The run's counters so far (a benchmark's breakdown of where the events go), summed over the shards. */
        public Stats stats() {
            return stats(0, shards.length);
        }

        /** The counters of shard {@code k} alone (how evenly the shards split the work). */
        public Stats shardStats(int k) {
            return stats(k, k + 1);
        }

        /** Shard {@code k} (tests look inside). */
        Shard shard(int k) {
            return shards[k];
        }

        /** The number of shards the run is split into. */
        public int shardCount() {
            return shards.length;
        }

        private Stats stats(int from, int to) {
            long events = 0;
            long pending = 0;
            long heartbeats = 0;
            long deliveries = 0;
            long nodeMessages = 0;
            long changes = 0;
            long leaves = 0;
            long expiry = 0;
            for (int k = from; k < to; k++) {
                Shard s = shards[k];
                events += s.sched.executed();
                pending += s.sched.pending();
                heartbeats += s.counting.heartbeats;
                deliveries += s.nodes.deliveries;
                nodeMessages += s.nodes.nodeMessages;
                changes += s.clients.changes();
                leaves += s.clients.leaves();
                expiry += s.core.expiry().size();
            }
            return new Stats(events, pending, heartbeats, deliveries, nodeMessages, changes, leaves, expiry);
        }

        /** Presences sent from one shard to another so far. */
        public long crossShardMessages() {
            return split.crossMessages();
        }

        /** Presences not sent to a shard that holds no watcher of their user ({@link WatcherShards}). */
        public long unwatchedReplicas() {
            return split.unwatched();
        }

        /** True when no shard watches another's users, so the shards ran without windows. */
        public boolean independentShards() {
            return split.independent();
        }

        private long pendingSessions() {
            long n = 0;
            for (Shard s : shards) {
                n += s.nodes.pendingSessions();
            }
            return n;
        }

        /** After churn: long enough for every lost session to resume or expire and every fan-out to arrive. */
        private long settleTime() {
            Shard first = shards[0];
            return sc.resumeWindow() + first.timeouts.heartbeatTimeoutNs() + 4 * first.tick + 2 * sc.link()
                    + 4 * sc.backbone();
        }

        /** Lets every lost session resume or expire and every queue drain, then asks the checks. */
        public Outcome settleAndFinish() {
            return settleAndFinish(Progress.NONE);
        }

        Outcome settleAndFinish(Progress progress) {
            Shard first = shards[0];
            long churn = sc.duration();
            long settle = settleTime();
            runUntil(Math.max(now(), churn + settle), progress);
            long cap = churn + settle + 3_600_000_000_000L;
            // read between windows, when every shard has stopped
            while (pendingSessions() > 0 && now() < cap) {
                runUntil(now() + Math.max(sc.slowWriteEvery() * 10, 1_000_000_000L), progress);
            }
            long end = now();
            if (shards.length == 1) {
                first.checker.finish(end);
                return outcome(first.checker, first.latency, end);
            }
            Findings merged = new Findings();
            LatencyHistogram latency = new LatencyHistogram("update latency");
            for (int k = 0; k < shards.length; k++) {
                Shard s = shards[k];
                s.checker.finish(end);
                merged.addAll(s.checker.findings(), split instanceof Cells ? "cell " + k + ": " : "");
                latency.add(s.latency);
            }
            return outcome(new Checker<>(first.checks, merged), latency, end);
        }

        private Outcome outcome(Checker<PresenceCheck> checker, LatencyHistogram latency, long end) {
            Cells cells = split instanceof Cells c ? c : null;
            Stats st = stats();
            long queued = 0;
            long maxPending = 0;
            long resumeOk = 0;
            long resumeInvalid = 0;
            long touched = 0;
            long deadlines = 0;
            int compared = 0;
            int observers = 0;
            long sessions = 0;
            for (Shard s : shards) {
                queued += s.nodes.queued;
                maxPending = Math.max(maxPending, s.nodes.maxPending);
                resumeOk += s.nodes.resumeOk;
                resumeInvalid += s.nodes.resumeInvalid;
                touched += s.work.touched();
                deadlines += s.work.deadlines();
                compared += s.convergence.compared();
                observers += s.convergence.observers();
                sessions += s.core.store().sessionCount();
            }
            return new Outcome(sc, shards[0].core, checker, latency, tracer.log(), end, System.nanoTime() - wall0,
                    st.events(), st.deliveries(), st.nodeMessages(), queued, maxPending, resumeOk, resumeInvalid,
                    st.changes(), st.leaves(), st.heartbeats(), touched, deadlines, compared, observers, stateBytes,
                    sc.duration(), cells == null ? shards.length : 1, sessions, split.crossMessages(),
                    cells == null ? 1 : shards.length, cells == null ? 1 : cells.threads());
        }
    }

    /**
     * Counters of a running simulation: scheduler events run and pending, heartbeats handled, deliveries written,
     * node messages (one scheduler event each), status changes and session ends the clients made, expiry entries.
     */
    public record Stats(long events, long pending, long heartbeats, long deliveries, long nodeMessages,
                        long changes, long leaves, long expiryEntries) {
    }
}

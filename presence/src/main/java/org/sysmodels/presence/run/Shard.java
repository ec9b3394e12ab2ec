package org.sysmodels.presence.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
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
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.store.CompactStore;
import org.sysmodels.presence.model.store.ObjectStore;
import org.sysmodels.presence.model.store.PresenceStore;
import org.sysmodels.presence.model.store.SocialGraph;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * One shard of a simulated presence cluster: the users {@code [firstUser, endUser)} with their presence cluster (a
 * {@link PresenceCore} whose store holds only these users' sessions), the gateway nodes numbered {@code shard} modulo
 * {@code shards} that all their sessions connect to, their clients, its own scheduler, random streams, checks and
 * counters. Nothing here is shared with another shard except the social graph (read only) and the presences that
 * cross between shards: what this shard's cluster publishes goes to {@link #exports} and arrives in every other
 * shard {@code backboneMin} later ({@link #replicaArrives}), where that shard's cluster fans it out to its own
 * watchers. With one shard this is the whole simulation, built with the same draws in the same order as always.
 */
final class Shard {

    final int index;
    final PresenceScenario sc;
    final Scheduler sched;
    final long tick;
    final Timeouts timeouts;
    final List<PresenceCheck> checks;
    final Checker<PresenceCheck> checker;
    final ExpiryWorkBounded work;
    final Convergence convergence;
    final Counting counting = new Counting();
    final LatencyHistogram latency = new LatencyHistogram("update latency");
    final SimNodes nodes;
    final PresenceCore core;
    final SimClients clients;
    final int firstUser;
    final int endUser;
    private final ArrayDeque<Presence> replicas = new ArrayDeque<>();
    private final Action onReplica = this::replicaArrived;
    private Exports exports;
    long replicasReceived;

    /**
     * Builds the shard and its warm cluster up to the published presences of its own users (every observer is told
     * in {@link #start}, after {@link #restoreReplica} has given it the other shards' users).
     *
     * @param owner the shard's store that holds a user's sessions (the convergence check's truth, read at the end)
     * @param extra one more observer of this shard's events (tests), or null
     */
    Shard(PresenceScenario sc, SocialGraph graph, RandomStreams streams, int index, int shards, SimParts parts,
          Tracer tracer, IntFunction<PresenceStore> owner, PresenceObserver extra) {
        this.sc = sc;
        this.index = index;
        this.firstUser = (int) ((long) sc.users() * index / shards);
        this.endUser = (int) ((long) sc.users() * (index + 1) / shards);
        String suffix = shards == 1 ? "" : "/shard-" + index;
        int expected = Math.max(1024, SimParts.expectedSessions(sc) / shards);
        PresenceStore store = sc.store().equals("object") ? new ObjectStore(graph)
                : new CompactStore(graph, expected);
        // one pending event per session (its next change, idle or leave) and a few in flight: sized for the expected
        // sessions, the scheduler's slots do not double mid-run (at 5 M users 20 M slots, ~720 MB, instead of ~370)
        sched = new Scheduler(expected + 4096);
        tick = Math.max(1_000_000L, Math.min(100_000_000L, sc.heartbeatInterval() / 50));
        timeouts = new Timeouts(sc.heartbeatInterval(), sc.heartbeatInterval() / 2, sc.resumeWindow());

        int sampleStride = Math.max(1, sc.sampled() == 0 ? Integer.MAX_VALUE : sc.users() * 2 / sc.sampled());
        IntPredicate sampled = new Sampled(sc.sampled() > 0, sampleStride);
        Findings findings = new Findings();
        work = new ExpiryWorkBounded(findings);
        convergence = shards == 1 ? new Convergence(findings, store, sampled)
                : new Convergence(findings, owner, sampled);
        checks = List.of(new InvisibleNeverOnline(findings), new WatchLatestOnly(findings),
                new ReplayInOrder(findings), work, new ExpiryOnTime(findings, timeouts, tick), convergence);
        checker = new Checker<>(checks, findings);
        List<PresenceObserver> observers = new ArrayList<>(checks);
        observers.add(counting);
        if (tracer.enabled()) {
            observers.add(new TraceObserver(tracer, sampled));
        }
        if (extra != null) {
            observers.add(extra);
        }
        if (shards > 1) {
            observers.add(new PresenceObserver() {
                @Override
                public void published(Presence p) {
                    if (exports != null) {
                        if (p.user() < firstUser || p.user() >= endUser) {
                            throw new IllegalStateException("shard " + index + " published user " + p.user()
                                    + " it does not own");
                        }
                        exports.publish(index, sched.now(), p);
                    }
                }
            });
        }
        PresenceObserver observer = new Fanout(observers);

        nodes = new SimNodes(sched, sc, streams.stream("presence/nodes" + suffix), observer, parts, sampled, latency,
                tracer, expected);
        core = new PresenceCore(store, parts.aggregator().get(), parts.expiry().apply(tick), timeouts, nodes,
                observer);
        clients = new SimClients(sched, nodes, new ClientBehaviour(sc.changeEvery(), sc.idleAfter(),
                sc.sessionLife(), sc.dropFraction(), sc.resumeAfter(), sc.neverBackFraction(), sc.nodes(),
                sc.maxSessions(), sc.heartbeatInterval(), sc.duration()), streams.stream("presence/clients" + suffix),
                expected, index, shards);
        nodes.attach(core, clients);

        // warm start: every user online, every observer already told (as READY would)
        for (int u = firstUser; u < endUser; u++) {
            for (int i = 0, k = clients.sessionsForUser(); i < k; i++) {
                core.restore(u, clients.platform(), clients.node(), PresenceUpdate.of(clients.initialStatus()),
                        true, 0);
            }
        }
        for (int u = firstUser; u < endUser; u++) {
            core.publishQuietly(u, 0);
        }
    }

    /** Gives this shard's cluster another shard's user's warm presence. */
    void restoreReplica(Presence p) {
        core.restoreReplica(p);
    }

    /** Opens the node side of every warm session (and the sampled sessions' snapshots) and starts the clients. */
    void start(Exports out) {
        PresenceStore store = core.store();
        for (int s = 0; s < store.sessionCapacity(); s++) {
            nodes.opened(s);
            clients.adopt(s, store.status(s));
        }
        sched.at(tick, new Runnable() {
            @Override
            public void run() {
                core.advance(sched.now());
                sched.after(tick, this);
            }
        });
        clients.start();
        this.exports = out;
    }

    /** Schedules another shard's published presence to arrive at {@code at} (called between windows only). */
    void replicaArrives(long at, Presence p) {
        replicas.addLast(p);
        sched.at(at, onReplica, 0);
    }

    private void replicaArrived(long unused) {
        // replicas are scheduled in arrival order and the scheduler keeps ties in insertion order: the head is due
        Presence p = replicas.removeFirst();
        replicasReceived++;
        nodes.replica(true);
        core.publishReplica(p, sched.now());
        nodes.replica(false);
    }

    /** Where a shard's cluster sends what it publishes while the run goes on. */
    interface Exports {
        void publish(int fromShard, long at, Presence p);
    }

    /** Counts what the metrics need that no check keeps. */
    static final class Counting implements PresenceObserver {
        long heartbeats;

        @Override
        public void heartbeat(int session, long deadline, long at) {
            heartbeats++;
        }
    }
}

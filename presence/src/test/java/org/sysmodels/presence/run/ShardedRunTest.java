package org.sysmodels.presence.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.check.InvisibleNeverOnline;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * A run split into shards: a function of (scenario, seed, shard count) whatever the threads do, every check still
 * judging (including convergence, whose truth lives in other shards), and presences crossing between shards.
 */
class ShardedRunTest {

    /**
     * Churn-heavy and short (5 s heartbeats, a 10 s resume window: the run settles quickly), a uniform graph (so
     * about half of every fan-out crosses to the other shard), 8 nodes, backbone 5 to 15 ms (a 5 ms window).
     */
    private static final PresenceScenario CHURN = new PresenceScenario(1_000, 20, 40, 2, 1.5, 3, 8,
            5_000_000_000L, 10_000_000_000L, 15_000_000_000L, 20_000_000_000L, 25_000_000_000L, 0.5,
            2_000_000_000L, 0.3, 20_000_000L, 10_000_000L, 0.03, 200_000_000L, 20_000_000_000L, 200, 32,
            "compact", 0, 5_000_000L);

    private record Run(PresenceSimulation.Outcome outcome, long[] hashes, long[] events, long cross, long unwatched, boolean independent) {
        String fingerprint() {
            PresenceSimulation.Outcome o = outcome;
            return String.join(",", java.util.Arrays.toString(hashes), java.util.Arrays.toString(events),
                    "" + o.simulatedNs(), "" + o.events(), "" + o.deliveries(), "" + o.nodeMessages(),
                    "" + o.queued(), "" + o.resumeOk(), "" + o.changes(), "" + o.heartbeats(),
                    "" + o.latency().percentile(50), "" + o.latency().percentile(99), "" + o.converged(),
                    "" + o.findings().violations(), "" + cross);
        }
    }

    private static Run run(PresenceScenario sc, long seed, SimParts parts, int shards, IntConsumer beforeWindow) {
        return run(sc, seed, parts, shards, beforeWindow, null);
    }

    /** With {@code progress}, the run stops every simulated second to report, as a console's progress line has it. */
    private static Run run(PresenceScenario sc, long seed, SimParts parts, int shards, IntConsumer beforeWindow,
                           org.sysmodels.core.run.Progress progress) {
        List<EventDigest> digests = new ArrayList<>();
        PresenceSimulation.Live live = new PresenceSimulation.Live(sc, seed, parts, Tracer.off(), false, shards, 1,
                beforeWindow, k -> {
                    EventDigest d = new EventDigest();
                    digests.add(d);
                    return d;
                });
        PresenceSimulation.Outcome o;
        if (progress == null) {
            live.runUntil(sc.duration() / 3);   // stopping at odd points must not matter either
            live.runUntil(sc.duration());
            o = live.settleAndFinish();
        } else {
            live.runUntil(sc.duration(), progress);
            o = live.settleAndFinish(progress);
        }
        return new Run(o, digests.stream().mapToLong(d -> d.hash).toArray(),
                digests.stream().mapToLong(d -> d.events).toArray(), live.crossShardMessages(), live.unwatchedReplicas(),
                live.independentShards());
    }

    private static void jitter(int shard) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (r.nextInt(50) == 0) {
            LockSupport.parkNanos(r.nextLong(2_000_000));
        } else if (r.nextInt(4) == 0) {
            Thread.yield();
        }
    }

    @Test
    void sameSeedAndShardCountGiveTheSameRunWhateverTheThreadsDo() {
        Run plain = run(CHURN, 11, SimParts.reference(), 2, k -> { });
        Run held = run(CHURN, 11, SimParts.reference(), 2, ShardedRunTest::jitter);
        assertEquals(plain.fingerprint(), held.fingerprint());
        assertTrue(plain.cross() > 1_000, "presences crossed between shards: " + plain.cross());
        Run three = run(CHURN, 11, SimParts.reference(), 3, ShardedRunTest::jitter);
        assertEquals(three.fingerprint(), run(CHURN, 11, SimParts.reference(), 3, k -> { }).fingerprint());
        assertNotEquals(plain.fingerprint(), three.fingerprint());
    }

    @Test
    void aProgressLineChangesNothingTheRunDoes() {
        List<Double> seen = new ArrayList<>();
        Run reported = run(CHURN, 11, SimParts.reference(), 2, k -> { }, (fraction, what) -> seen.add(fraction));
        assertEquals(run(CHURN, 11, SimParts.reference(), 2, k -> { }).fingerprint(), reported.fingerprint());
        assertTrue(seen.size() > CHURN.duration() / 1_000_000_000L, "a report per simulated second: " + seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1) && seen.get(i) <= 1, "reports only move forward: " + seen);
        }
        assertEquals(1.0, seen.get(seen.size() - 1), 1e-9, "the planned virtual time is all run");
    }

    @Test
    void everyCheckJudgesAcrossShardsAndTheRunConverges() {
        Run r = run(CHURN, 5, SimParts.reference(), 2, k -> { });
        PresenceSimulation.Outcome o = r.outcome();
        assertEquals(0, o.findings().violations(), () -> o.findings().list().toString());
        assertTrue(o.converged() > 2_000, "views compared: " + o.converged());
        assertTrue(o.resumeOk() > 0 && o.queued() > 0 && o.deliveries() > 20_000, r.fingerprint());
        assertEquals(6, o.checker().rules().size());
    }

    /**
     * Communities inside the shards (blocks of 100 users, 500 per shard): no shard watches another's users, so
     * nothing crosses and the shards run without windows; every check still holds, the run converges, and held-up
     * threads change nothing. On the uniform graph nearly every presence still crosses.
     */
    @Test
    void independentShardsRunWithoutWindowsAndStillAgree() {
        Run r = run(CHURN.withCommunity(100), 5, SimParts.reference(), 2, k -> { });
        PresenceSimulation.Outcome o = r.outcome();
        assertEquals(0, o.findings().violations(), () -> o.findings().list().toString());
        assertTrue(r.independent() && r.cross() == 0 && r.unwatched() > 1_000, r.fingerprint() + " " + r);
        assertTrue(o.converged() > 1_000, "views compared: " + o.converged());
        assertEquals(r.fingerprint(), run(CHURN.withCommunity(100), 5, SimParts.reference(), 2,
                ShardedRunTest::jitter).fingerprint());
        Run uniform = run(CHURN, 5, SimParts.reference(), 2, k -> { });
        assertTrue(!uniform.independent() && uniform.unwatched() < uniform.cross() / 10,
                "uniform graph: " + uniform);
    }

    /**
     * A shard's session slots are numbered from 0 for its own sessions only, so its node side holds records for its
     * share of the run's sessions, not for all of them (at 5 M users in two shards the whole-run sizing left 780 MB
     * of records that were never used, and the heap too full for the young generation to be collected normally).
     */
    @Test
    void eachShardsNodeSideIsSizedForItsOwnShareOfTheSessions() {
        int whole = SimParts.expectedSessions(CHURN);
        PresenceSimulation.Live one = PresenceSimulation.prepare(CHURN, 1, SimParts.reference(), Tracer.off(), false,
                1);
        assertEquals(whole, one.shard(0).nodes.sessionCapacity());
        PresenceSimulation.Live two = PresenceSimulation.prepare(CHURN, 1, SimParts.reference(), Tracer.off(), false,
                2);
        for (int k = 0; k < 2; k++) {
            assertEquals(whole / 2, two.shard(k).nodes.sessionCapacity(), "shard " + k);
            assertTrue(two.shard(k).core.store().sessionCapacity() <= whole / 2, "shard " + k + " holds more slots "
                    + "than its share: " + two.shard(k).core.store().sessionCapacity());
        }
        two.runUntil(CHURN.duration());
        PresenceSimulation.Outcome o = two.settleAndFinish();
        assertEquals(0, o.findings().violations(), () -> o.findings().list().toString());
    }

    @Test
    void aBugLabIsCaughtInAShardedRun() {
        PresenceLabs.Lab lab = PresenceLabs.byName("invisible-leak");
        Run r = run(lab.setup().apply(CHURN), 3, lab.parts().apply(SimParts.reference()), 2, k -> { });
        assertTrue(r.outcome().findings().count(InvisibleNeverOnline.RULE) > 0, r.fingerprint());
    }

    @Test
    void aShardedRunNeedsALeastBackboneDelayAndNoTrace() {
        PresenceScenario noMin = CHURN.withBackboneMin(0);
        assertThrows(IllegalArgumentException.class,
                () -> PresenceSimulation.prepare(noMin, 1, SimParts.reference(), Tracer.off(), false, 2));
        assertThrows(IllegalArgumentException.class,
                () -> PresenceSimulation.prepare(CHURN, 1, SimParts.reference(), Tracer.recording("t"), false, 2));
        assertThrows(IllegalArgumentException.class,
                () -> PresenceSimulation.prepare(CHURN, 1, SimParts.reference(), Tracer.off(), false, 9));
    }
}

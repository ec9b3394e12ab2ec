package org.sysmodels.presence.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.run.Progress;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.check.InvisibleNeverOnline;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.scenario.PresenceScenario;

/**
 * A world run as independent cells ({@code cell}): a function of (scenario, seed) whatever the threads and the stops,
 * one cell exactly the one-world run, whole communities per cell, and every check judging in every cell.
 */
class CellsRunTest {

    /**
     * Churn-heavy and short (5 s heartbeats, a 10 s resume window), 1,200 users in communities of 100, cells of 300:
     * 4 cells of 3 communities.
     */
    private static final PresenceScenario CELLS = new PresenceScenario(1_200, 20, 48, 2, 1.5, 3, 8,
            5_000_000_000L, 10_000_000_000L, 15_000_000_000L, 20_000_000_000L, 25_000_000_000L, 0.5,
            2_000_000_000L, 0.3, 20_000_000L, 10_000_000L, 0.03, 200_000_000L, 150_000_000_000L, 200, 32,
            "compact", 100, 5_000_000L, 300);

    private record Run(PresenceSimulation.Outcome outcome, long[] hashes, long[] events) {
        String fingerprint() {
            PresenceSimulation.Outcome o = outcome;
            return String.join(",", Arrays.toString(hashes), Arrays.toString(events), "" + o.simulatedNs(),
                    "" + o.events(), "" + o.deliveries(), "" + o.nodeMessages(), "" + o.queued(), "" + o.resumeOk(),
                    "" + o.changes(), "" + o.heartbeats(), "" + o.latency().percentile(50),
                    "" + o.latency().percentile(99), "" + o.converged(), "" + o.findings().violations(),
                    "" + o.sessionsAtEnd());
        }
    }

    /** Stops at a third of the churn first (or every slice, with {@code progress}): where a run stops must not matter. */
    private static Run run(PresenceScenario sc, long seed, SimParts parts, int threads, Progress progress) {
        EventDigest[] digests = new EventDigest[sc.cells()];
        PresenceSimulation.Live live = new PresenceSimulation.Live(sc, seed, parts, Tracer.off(), false, 1, threads,
                k -> { }, k -> digests[k] = new EventDigest());
        PresenceSimulation.Outcome o;
        if (progress == null) {
            live.runUntil(sc.duration() / 3 + 123_456_789L);
            live.runUntil(sc.duration());
            o = live.settleAndFinish();
        } else {
            live.runUntil(sc.duration(), progress);
            o = live.settleAndFinish(progress);
        }
        return new Run(o, Arrays.stream(digests).mapToLong(d -> d.hash).toArray(),
                Arrays.stream(digests).mapToLong(d -> d.events).toArray());
    }

    private static Run run(PresenceScenario sc, long seed, int threads) {
        return run(sc, seed, SimParts.reference(), threads, null);
    }

    @Test
    void theSameSeedGivesTheSameRunOnAnyNumberOfThreads() {
        Run one = run(CELLS, 11, 1);
        assertEquals(one.fingerprint(), run(CELLS, 11, 2).fingerprint());
        assertEquals(one.fingerprint(), run(CELLS, 11, 3).fingerprint());
        assertEquals(one.fingerprint(), run(CELLS, 11, 8).fingerprint());
        assertNotEquals(one.fingerprint(), run(CELLS, 12, 2).fingerprint());
        assertEquals(4, one.outcome().cells());
        assertEquals(1, one.outcome().shards());
        assertTrue(Arrays.stream(one.events()).allMatch(e -> e > 10_000), Arrays.toString(one.events()));
        assertEquals(4, Arrays.stream(one.hashes()).distinct().count(), "each cell its own world");
    }

    @Test
    void aProgressLineChangesNothingAndReportsEverySlice() {
        List<Double> seen = new ArrayList<>();
        Run reported = run(CELLS, 11, SimParts.reference(), 2, (fraction, what) -> seen.add(fraction));
        assertEquals(run(CELLS, 11, 2).fingerprint(), reported.fingerprint());
        assertTrue(seen.size() >= CELLS.duration() / Cells.SLICE_NS, "a report per slice: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1) && seen.get(i) <= 1, "reports only move forward: " + seen);
        }
        assertEquals(1.0, seen.get(seen.size() - 1), 1e-9, "the planned virtual time is all run");
    }

    /** A world no bigger than one cell is built and run exactly as with {@code cell} 0. */
    @Test
    void aWorldOfOneCellIsTheOneWorldRun() {
        PresenceScenario whole = CELLS.withCell(1_200);
        assertEquals(1, whole.cells());
        PresenceSimulation.Outcome a = run(whole, 7, 1).outcome();
        PresenceSimulation.Outcome b = run(CELLS.withCell(0), 7, 1).outcome();
        assertEquals(a.events(), b.events());
        assertEquals(a.deliveries(), b.deliveries());
        assertEquals(a.heartbeats(), b.heartbeats());
        assertEquals(a.latency().percentile(99), b.latency().percentile(99));
        assertEquals(1, a.cells());
    }

    /** Cells hold whole communities, share out the world's users, guilds and sampled observers, and never overlap. */
    @Test
    void cellsHoldWholeCommunitiesAndShareOutTheWorld() {
        PresenceScenario odd = CELLS.withUsers(1_250);   // 13 communities, the last one of 50, in 5 cells
        assertEquals(5, odd.cells());
        Shard[] cells = Cells.build(odd, 3, SimParts.reference(), 2, null);
        int users = 0;
        int guilds = 0;
        for (int k = 0; k < cells.length; k++) {
            PresenceScenario c = cells[k].sc;
            assertEquals(0, c.cell(), "a cell is one world");
            assertTrue(k == cells.length - 1 || c.users() % odd.community() == 0, "cell " + k + ": " + c.users());
            assertTrue(c.sampled() >= 1 && c.guilds() >= 1, "cell " + k);
            assertEquals(c.users(), cells[k].core.store().userCount());
            assertEquals(c.users(), Cells.firstUser(odd, k + 1) - Cells.firstUser(odd, k), "cell " + k);
            users += c.users();
            guilds += c.guilds();
        }
        assertEquals(odd.users(), users);
        assertTrue(Math.abs(guilds - odd.guilds()) <= cells.length, "guilds " + guilds + " of " + odd.guilds());
    }

    /**
     * A cell's guilds are its communities' share of the world's, so every community keeps a guild block of its own
     * as in one world, and the cells hold every guild once: 905 users in 10 communities (the last of 5) with 10
     * guilds, in cells of 5 communities, are cells of 5 guilds each. Shared out by users the second cell (405 users)
     * got 4, and two of its communities shared one guild of twice the size.
     */
    @Test
    void aCellsGuildsAreItsCommunitiesShare() {
        PresenceScenario sc = CELLS.withUsers(905).withGuilds(10).withCell(500);
        Shard[] cells = Cells.build(sc, 3, SimParts.reference(), 1, null);
        int guilds = 0;
        for (Shard cell : cells) {
            int communities = cell.sc.communities();
            assertTrue(cell.sc.guilds() >= communities, cell.sc.guilds() + " guilds, " + communities + " communities");
            guilds += cell.sc.guilds();
        }
        assertEquals(sc.guilds(), guilds);
    }

    @Test
    void everyCheckJudgesInEveryCellAndTheRunConverges() {
        PresenceSimulation.Outcome o = run(CELLS, 5, 2).outcome();
        assertEquals(0, o.findings().violations(), () -> o.findings().list().toString());
        assertTrue(o.converged() > 1_000, "views compared: " + o.converged());
        assertTrue(o.resumeOk() > 0 && o.queued() > 0 && o.deliveries() > 20_000, "" + o.deliveries());
        assertEquals(6, o.checker().rules().size());
    }

    /** A bug lab's findings come from the cells, each saying which cell it was found in. */
    @Test
    void aBugLabIsCaughtInACellAndTheFindingNamesTheCell() {
        PresenceLabs.Lab lab = PresenceLabs.byName("invisible-leak");
        Run r = run(lab.setup().apply(CELLS), 3, lab.parts().apply(SimParts.reference()), 2, null);
        assertTrue(r.outcome().findings().count(InvisibleNeverOnline.RULE) > 0, r.fingerprint());
        for (Finding f : r.outcome().findings().list()) {
            assertTrue(f.where().matches("cell [0-3]: .+"), f.toString());
        }
    }

    /** A failure inside one cell says which cell it was, and every thread has stopped when it is thrown. */
    @Test
    void aFailureInACellNamesTheCell() {
        PresenceSimulation.Live live = new PresenceSimulation.Live(CELLS, 11, SimParts.reference(), Tracer.off(),
                false, 1, 2, k -> { }, k -> k != 2 ? null : new PresenceObserver() {
                    @Override
                    public void heartbeat(int session, long deadline, long at) {
                        if (at > 7_000_000_000L) {
                            throw new IllegalStateException("heartbeat of session " + session);
                        }
                    }
                });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> live.runUntil(CELLS.duration()));
        assertTrue(e.getMessage().startsWith("cell 2: heartbeat of session "), e.getMessage());
    }

    @Test
    void cellsNeedCommunitiesAndRefuseShardsAndATrace() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> CELLS.withCommunity(0));
        assertEquals("cell", e.field());
        e = assertThrows(InvalidFieldException.class, () -> CELLS.withCell(250));
        assertTrue(e.getMessage().contains("not a whole number of communities of 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PresenceSimulation.prepare(CELLS, 1, SimParts.reference(), Tracer.off(), false, 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> PresenceSimulation.prepare(CELLS, 1, SimParts.reference(), Tracer.recording("t"), false, 1,
                        1));
        assertThrows(IllegalArgumentException.class,
                () -> PresenceSimulation.prepare(CELLS, 1, SimParts.reference(), Tracer.off(), false, 1, 0));
        // 11 guilds for 12 communities: guild 0 holds communities 0 and 11, which cells of 3 communities would part
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> PresenceSimulation.prepare(CELLS.withGuilds(11), 1, SimParts.reference(), Tracer.off(), false,
                        1, 1));
        assertTrue(cut.getMessage().contains("11 guilds are fewer than its 12 communities"), cut.getMessage());
    }
}

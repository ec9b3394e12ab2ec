package org.sysmodels.bench.presence;

import org.sysmodels.core.trace.Tracer;
import org.sysmodels.presence.run.PresenceSimulation;
import org.sysmodels.presence.run.SimParts;
import org.sysmodels.presence.scenario.PresenceScenario;
import org.sysmodels.presence.scenario.PresenceScenarios;

/**
 * The presence simulation's speed against real time with the packaged {@code large} run as one world ({@code cell}
 * 0: one presence cluster, one scheduler): 5 M users with 1-3 sessions and 20 friends in 100,000 guilds, 30 s
 * heartbeats, every check on; setup builds the world and the warm cluster once; one operation = one simulated second,
 * so the score is simulated seconds per wall second (the real-time factor). The target row is
 * {@link SimulationCellsBench} (the same users in 1,000 cells on two threads); this row and
 * {@link SimulationTwoShardsBench} (one world split in two shards on two threads) are kept to compare with it, and
 * {@link SimulationUniformBench} runs one world with the uniform random graph of earlier measurements, so the
 * generator's share of the speed is measured.
 */
public class SimulationBench extends SimulationRow {

    @Override
    int community() {
        return -1;
    }

    @Override
    int shards() {
        return 1;
    }

    /** The packaged {@code large} at {@code users} (guilds scaled, at least 10,000); {@code community} ≥ 0 replaces
     * the scenario's. */
    static PresenceSimulation.Live prepare(int users, int community) throws Exception {
        return prepare(users, community, 1);
    }

    /**
     * The packaged {@code large} at {@code users} as it is packaged: in cells ({@code cell} users each, whole
     * communities), run on {@code threads} threads.
     */
    static PresenceSimulation.Live prepareCells(int users, int threads) throws Exception {
        PresenceScenario s = PresenceScenarios.large().scaledTo(users).withDuration(86_400_000_000_000L);
        PresenceSimulation.Live live = PresenceSimulation.prepare(s, 42, SimParts.reference(), Tracer.off(), false,
                1, threads);
        settleHeap();
        return live;
    }

    /** As {@link #prepare(int, int)}, split into {@code shards} shards run side by side on as many threads. */
    static PresenceSimulation.Live prepare(int users, int community, int shards) throws Exception {
        PresenceScenario large = PresenceScenarios.large();
        // one world: the packaged scenario's cells are SimulationCellsBench's row
        PresenceScenario s = large.withCell(0).withUsers(users).withGuilds(Math.max(10_000, users / 50))
                .withDuration(86_400_000_000_000L);
        if (community >= 0) {
            s = s.withCommunity(community);
        }
        PresenceSimulation.Live live = PresenceSimulation.prepare(s, 42, SimParts.reference(), Tracer.off(), false,
                shards);
        settleHeap();
        return live;
    }

    /**
     * One full collection after the world is built, before anything is measured: the build's garbage (the graph
     * generator's edge lists, arrays outgrown while sessions opened) leaves the young generation about half full
     * and its survivor space full of the world's long-lived arrays, so without it the first collection of the run
     * comes some 60 simulated seconds in, as a full collection of the whole 4 GB world (1.4 s of pause and 2.4 s of
     * the collector's CPU on two idle cores, 2026-12-02; docs/presence.md, "Session of 2 December, afternoon").
     * After it the young generation is empty and the run's few MB per simulated second do not fill it within a row.
     */
    static void settleHeap() {
        System.gc();
    }
}

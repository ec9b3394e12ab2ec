package org.sysmodels.bench.presence;

/**
 * {@link SimulationBench}'s world (the packaged {@code large} as one world, communities of 1,000, every check on) run
 * as two shards side by side, one thread each ({@code --cell 0 --shards 2}: users and gateway nodes split in two,
 * windows of {@code backboneMin}): the target row until 2026-12-05, kept to compare with
 * {@link SimulationCellsBench}. The same deliveries per simulated second; with communities a change reaches only its
 * own shard's nodes, so node messages halve (docs/presence.md, "Shards").
 *
 * <p>The iterations measure the long run, not its start: the set-up first runs {@link #START_UP_S} simulated seconds
 * (about 50 s of wall time on two idle cores), and on until the run's first collection after the build has come.
 * Those hold the start's one-off costs: most of the JIT's compilations (nearly all in the first 10 simulated seconds,
 * a few until about 150 s) and that first collection, a full one of 1 to 2.4 s of pause, which came 220 to 470
 * simulated seconds in (in six runs: when the run's first few MB per simulated second have filled the young
 * generation). After it the run allocates about 1 MB per simulated second, and the next collection came some 1,650
 * simulated seconds later (docs/presence.md, "Session of 2 December, afternoon").
 */
public class SimulationTwoShardsBench extends SimulationRow {

    /** Simulated seconds run before the first iteration at least: past the JIT's compilations. */
    static final int START_UP_S = 420;

    @Override
    int startUpS() {
        return START_UP_S;
    }

    @Override
    int community() {
        return -1;
    }

    @Override
    int shards() {
        return 2;
    }
}

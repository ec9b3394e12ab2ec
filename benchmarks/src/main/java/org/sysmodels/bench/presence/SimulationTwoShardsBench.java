package org.sysmodels.bench.presence;

/**
 * {@link SimulationBench}'s world (the packaged {@code large}, communities of 1,000, every check on) run as two shards
 * side by side, one thread each ({@code --shards 2}: users and gateway nodes split in two, windows of
 * {@code backboneMin}), for the target's "on 2 cores". The same deliveries per simulated second; with communities a
 * change reaches only its own shard's nodes, so node messages halve (docs/presence.md, "Shards").
 *
 * <p>The iterations measure the long run, not its start: the set-up first runs {@link #START_UP_S} simulated seconds
 * (about 50 s of wall time on two idle cores). Those hold the start's one-off costs: most of the JIT's compilations
 * (nearly all in the first 10 simulated seconds, a few until about 150 s) and the run's first collection, a full one
 * of 1 to 2 s of pause, which comes 240 to 340 simulated seconds in (when the run's first ~5 MB per simulated second
 * have filled the young generation; the point varies from run to run with the build's collections); after it the
 * run allocates about 1 MB per simulated second, and no collection came in the next 1,200 simulated seconds
 * (docs/presence.md, "Session of 2 December, afternoon").
 */
public class SimulationTwoShardsBench extends SimulationRow {

    /** Simulated seconds run before the first iteration: past the JIT's compilations and the first collection. */
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

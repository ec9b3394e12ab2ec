package org.sysmodels.bench.presence;

/**
 * {@link SimulationBench}'s world (the packaged {@code large}, communities of 1,000, every check on) run as two shards
 * side by side, one thread each ({@code --shards 2}: users and gateway nodes split in two, windows of
 * {@code backboneMin}), for the target's "on 2 cores". The same deliveries per simulated second; with communities a
 * change reaches only its own shard's nodes, so node messages halve (docs/presence.md, "Shards").
 */
public class SimulationTwoShardsBench extends SimulationRow {

    @Override
    int community() {
        return -1;
    }

    @Override
    int shards() {
        return 2;
    }
}

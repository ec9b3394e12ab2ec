package org.sysmodels.bench.presence;

/**
 * {@link SimulationBench} with the uniform random graph (every friend and guild drawn from all 5 M users, the
 * packaged scenario's world before it grew communities): the same work per change, no locality. Kept so the effect of
 * the generator's choice is measured, not claimed.
 */
public class SimulationUniformBench extends SimulationRow {

    @Override
    int community() {
        return 0;
    }

    @Override
    int shards() {
        return 1;
    }
}

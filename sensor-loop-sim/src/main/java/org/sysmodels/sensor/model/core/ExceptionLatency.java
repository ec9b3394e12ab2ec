package org.sysmodels.sensor.model.core;

/**
 * What exception entry, exit and tail-chaining cost at the clock's current frequency. A Cortex-M3/M4 with zero wait
 * state memory takes 12 cycles from an exception's arrival to its handler's first instruction (stacking), 10 to
 * return (unstacking), and 6 to go from one handler straight to the next pending one without unstacking
 * (tail-chaining): ARM knowledge article 103489845 "What is the true interrupt latency of Cortex-M3 and Cortex-M4";
 * J. Yiu, <i>The Definitive Guide to ARM Cortex-M3 and Cortex-M4</i>, 3rd ed., ch. 8.
 */
record ExceptionLatency(long entryNs, long exitNs, long tailChainNs) {

    static final int ENTRY_CYCLES = 12;
    static final int EXIT_CYCLES = 10;
    static final int TAIL_CHAIN_CYCLES = 6;

    /** The costs at {@code clock}'s current frequency. */
    static ExceptionLatency at(Clock clock) {
        return new ExceptionLatency(clock.ns(ENTRY_CYCLES), clock.ns(EXIT_CYCLES), clock.ns(TAIL_CHAIN_CYCLES));
    }
}

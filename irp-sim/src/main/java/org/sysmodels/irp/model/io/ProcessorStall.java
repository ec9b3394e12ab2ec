package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.ke.Processor;

/**
 * KeStallExecutionProcessor (WDK: a busy-wait of MicroSeconds, allowed at any IRQL, "at most 50 microseconds"): the
 * running processor's clock moves on by the stall and nothing else runs on it meanwhile. MicroSeconds is a ULONG: a
 * negative count would be a stall of over an hour in C, and would run the processor's clock backwards here.
 */
final class ProcessorStall {

    private ProcessorStall() {
    }

    /** Busy-waits {@code microseconds} on {@code p}. */
    static void stall(Processor p, long microseconds) {
        if (microseconds < 0 || microseconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("KeStallExecutionProcessor: MicroSeconds is a ULONG (0 to "
                    + "4,294,967,295), not " + microseconds + "; the WDK asks for 50 us at most (a C driver's -1 "
                    + "would busy-wait for over an hour)");
        }
        p.advance(microseconds * 1000);
    }
}

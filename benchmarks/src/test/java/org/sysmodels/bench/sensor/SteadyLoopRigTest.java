package org.sysmodels.bench.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The steady-state rig runs one chunk per call on the same board, allocates nothing per chunk once warm (counted
 * over every thread, as JMH's allocation profiler counts), and stops its board thread when closed.
 */
class SteadyLoopRigTest {

    @Test
    void continuesOneBoardChunkByChunkWithoutAllocating() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SteadyLoopRig rig = new SteadyLoopRig(1_000);
        try {
            assertEquals(1, rig.run());    // boot and the first chunk
            for (int i = 2; i <= 40; i++) {
                assertEquals(i, rig.run());
            }
            long before = mx.getTotalThreadAllocatedBytes();
            for (int i = 41; i <= 140; i++) {
                assertEquals(i, rig.run());
            }
            long perIteration = (mx.getTotalThreadAllocatedBytes() - before) / 100_000;
            assertTrue(perIteration < 1, perIteration + " B per loop iteration over 100 chunks of 1,000");
        } finally {
            rig.close();
        }
        assertFalse(rig.boardAlive(), "the board's thread ended");
    }
}

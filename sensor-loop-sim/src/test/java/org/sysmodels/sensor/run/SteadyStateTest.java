package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * The loop's steady state allocates nothing, and a run is a pure function of its seed. Allocation is measured as the
 * difference between a long and a short run of the same board (start-up cancels out), with the thread's allocation
 * counter: bytes, not time.
 */
class SteadyStateTest {

    static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        r.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    static void run(long ms) {
        try {
            RunSetup s = RunSetup.of(Scenario.defaults(), "t", 1).withDuration(ms * 1_000_000L);
            LoopRun.run(s, FirmwareSource.BARE_METAL, FaultPlan.none(), 1, LoopRun.Options.CHECKS_ONLY, "t");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noAllocationPerLoopIteration() {
        for (int warm = 0; warm < 5; warm++) {
            run(3_000);
        }
        long shortRun = allocatedBy(() -> run(2_000));
        long longRun = allocatedBy(() -> run(22_000));
        double perIteration = (longRun - shortRun) / 20_000.0;
        assertTrue(perIteration < 1.0, "steady state allocates " + perIteration + " B per 1 ms loop iteration ("
                + shortRun + " B for 2 s, " + longRun + " B for 22 s)");
    }

    @Test
    void sameSeedSameRun() throws Exception {
        long[][] out = new long[2][];
        for (int k = 0; k < 2; k++) {
            RunSetup s = RunSetup.of(Scenario.defaults(), "t", 4).withDuration(500_000_000L);
            LoopRun.Result r = LoopRun.run(s, FirmwareSource.BARE_METAL, FaultPlan.of(
                    org.sysmodels.core.fault.Fault.once("sensor-noise", "sensor1", 200_000_000L)), 4,
                    LoopRun.Options.CHECKS_ONLY, "t");
            out[k] = new long[] {r.rig().scheduler().executed(), r.rig().sensor(0).measurements(),
                    r.faults().get(0).detectedAt(), r.faults().get(0).handledAt(), r.diagnostics().size()};
        }
        assertArrayEquals(out[0], out[1]);
    }
}

package org.sysmodels.bench.nvme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ArrayBlockingQueue;
import org.jctools.queues.SpscArrayQueue;
import org.junit.jupiter.api.Test;

/** The benchmark rigs do what they claim, so a figure means something. */
class NvmeRigsTest {

    @Test
    void deterministicRigCompletesCommandsCleanly() {
        DeterministicRig rig = new DeterministicRig(true);
        rig.commands(50_000);
        assertTrue(rig.completed() >= 50_000);
        assertTrue(rig.sim.findings().isEmpty(), rig.sim.findings().toString());
        assertEquals(4, rig.sim.driver.ioQueues());
        assertTrue(rig.sim.integrity.verified() > 40_000, "reads are verified");
        assertEquals(0, rig.sim.scheduler.now(), "zero latency: virtual time does not move");
    }

    @Test
    void peersMoveTokens() throws Exception {
        for (QueuePairPeer p : new QueuePairPeer[] {
                new QueuePairPeer(new SpscArrayQueue<>(64), new SpscArrayQueue<>(64)),
                new QueuePairPeer(new ArrayBlockingQueue<>(64), new ArrayBlockingQueue<>(64))}) {
            p.commands(10_000);
            assertTrue(p.completed() >= 10_000);
            p.stop();
        }
    }
}

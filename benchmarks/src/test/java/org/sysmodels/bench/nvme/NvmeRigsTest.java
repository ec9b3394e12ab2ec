package org.sysmodels.bench.nvme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(rig.sim.findings().isEmpty(), rig.sim.findings().list().toString());
        assertEquals(4, rig.sim.blk.hardwareQueues());
        assertTrue(rig.sim.readsVerified() > 40_000, "reads are verified");
        assertEquals(0, rig.sim.scheduler.now(), "zero latency: virtual time does not move");
    }

    /** Bounded: a peer that stops moving tokens fails after 30 s without progress instead of hanging the build. */
    @Test
    void peersMoveTokens() throws Exception {
        for (QueuePairPeer p : new QueuePairPeer[] {
                new QueuePairPeer(new SpscArrayQueue<>(64), new SpscArrayQueue<>(64)),
                new QueuePairPeer(new ArrayBlockingQueue<>(64), new ArrayBlockingQueue<>(64))}) {
            try {
                assertTrue(p.commands(10_000, 30_000_000_000L), "no token came back for 30 s of wall-clock time");
                assertEquals(10_000, p.completed());
            } finally {
                p.stop();
            }
        }
    }

    /** The bound works: a peer whose device thread is gone reports the stall. */
    @Test
    void aPeerThatStopsMovingTokensIsReportedNotWaitedFor() throws Exception {
        QueuePairPeer p = new QueuePairPeer(new SpscArrayQueue<>(64), new SpscArrayQueue<>(64));
        p.stop();
        assertFalse(p.commands(10, 50_000_000L));
        assertTrue(p.completed() < 10);
    }
}

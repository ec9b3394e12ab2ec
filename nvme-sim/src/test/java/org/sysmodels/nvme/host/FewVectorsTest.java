package org.sysmodels.nvme.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.run.Outcome;
import org.sysmodels.nvme.run.Simulation;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.core.testing.Props;

/**
 * A device with fewer MSI-X vectors than the driver wants queues (found as an instructor setting
 * {@code device.msixVectors}): the reference driver gave queue qid vector qid mod vectors, so a later queue took over
 * an earlier one's handler, vector 0's included, the admin queue's completions were never reaped and the probe timed
 * out after 60 s. Linux's {@code nvme_setup_irqs} makes at most vectors - 1 I/O queues, and with one vector one I/O
 * queue that shares it with the admin queue.
 */
class FewVectorsTest {

    private static Outcome run(int vectors, int jobs) throws Exception {
        NvmeScenario s = ScenarioLoader.read("few-vectors.json", """
                { "device": { "msixVectors": %d },
                  "workload": { "iodepth": 8, "numjobs": %d, "ios": 200 } }
                """.formatted(vectors, jobs), NvmeScenario.class);
        return new Simulation(s, 1, Tracer.off()).run();
    }

    @Test
    void everyRequestCompletesWhateverTheVectorCount() {
        Props.property(12).forAll(integers().between(1, 5), integers().between(1, 6)).checkAssert((vectors, jobs) -> {
            Outcome o;
            try {
                o = run(vectors, jobs);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertTrue(o.passed(), vectors + " vectors, " + jobs + " jobs: " + o.findings().list());
            assertEquals(200L * jobs, o.sim().workload.completed(), vectors + " vectors, " + jobs + " jobs");
            assertTrue(o.sim().blk.hardwareQueues() <= Math.max(vectors - 1, 1), "I/O queues " + o.sim().blk
                    .hardwareQueues() + " with " + vectors + " vectors");
        });
    }

    @Test
    void oneVectorIsSharedByTheAdminQueueAndOneIoQueue() throws Exception {
        Outcome o = run(1, 4);
        assertTrue(o.passed(), o.findings().list().toString());
        assertEquals(1, o.sim().blk.hardwareQueues());
    }
}

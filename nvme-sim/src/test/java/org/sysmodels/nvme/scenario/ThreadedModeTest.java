package org.sysmodels.nvme.scenario;

import org.sysmodels.nvme.run.ThreadedRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.workload.Rw;

/**
 * Host and device on two real threads: no completion lost or duplicated, reads see the data the device published
 * before its release on the phase tag. Bounded: a stall is reported after 10 s and the test gives up after 60 s.
 */
class ThreadedModeTest {

    @Test
    void everyCompletionArrivesExactlyOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            NvmeScenario s = NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(2, 2))
                    .withWorkload(WorkloadSpec.DEFAULT.with(Rw.RANDRW, null, 8, 2, null, null, 70));
            ThreadedRun run = new ThreadedRun(s, 3, Tracer.off());
            assertTrue(run.start(), run.failure());
            try {
                assertTrue(run.run(100_000, 10_000_000_000L), run.findings().list().toString());
            } finally {
                run.stop();
            }
            assertTrue(run.host().completed() >= 100_000);
            assertEquals(0, run.host().duplicates());
            assertEquals(0, run.host().errors());
            assertTrue(run.findings().isEmpty(), run.findings().list().toString());
            // Back on the scheduler, the controller still answers correctly.
            assertTrue(org.sysmodels.nvme.model.register.Csts.ready(run.controller.csts()));
        });
    }
}

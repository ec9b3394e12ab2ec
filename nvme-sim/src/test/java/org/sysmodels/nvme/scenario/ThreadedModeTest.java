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
            assertEquals(100_000, run.host().completed());
            assertEquals(0, run.host().duplicates());
            assertEquals(0, run.host().errors());
            assertTrue(run.findings().isEmpty(), run.findings().list().toString());
            // Back on the scheduler, the controller still answers correctly.
            assertTrue(org.sysmodels.nvme.model.register.Csts.ready(run.controller.csts()));
        });
    }

    /**
     * Found in review: the host kept every queue full until the count was reached, so commands went on being
     * submitted past it and the run reported more than were asked for. It now submits exactly the count: the last
     * ones drain, and the device fetched exactly that many I/O commands.
     */
    @Test
    void aRunSubmitsAndCompletesExactlyItsCount() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            NvmeScenario s = NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(2, 2))
                    .withWorkload(WorkloadSpec.DEFAULT.with(Rw.RANDREAD, null, 16, 2, null, null, null));
            ThreadedRun run = new ThreadedRun(s, 3, Tracer.off());
            assertTrue(run.start(), run.failure());
            long before = run.controller.commandsFetched();
            try {
                assertTrue(run.run(1_001, 10_000_000_000L), run.findings().list().toString());
                assertTrue(run.run(999, 10_000_000_000L), run.findings().list().toString());
            } finally {
                run.stop();
            }
            assertEquals(2_000, run.host().completed());
            assertEquals(2_000, run.host().issued());
            assertEquals(2_000, run.controller.commandsFetched() - before, "no command submitted past the count");
        });
    }
}

package org.sysmodels.nvme.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.DriverBug;

class SmokeTest {

    @Test
    void defaultScenarioRunsClean() {
        NvmeScenario s = NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT.withIos(20_000));
        Outcome o = new Simulation(s, 1, Tracer.off(), DriverBug.NONE).run();
        System.out.println("iops=" + o.iops() + " lat=" + o.latency() + " wall=" + o.wallNanos() / 1e6 + "ms events="
                + o.sim().events() + " verified=" + o.sim().integrity.verified());
        o.findings().forEach(System.out::println);
        assertTrue(o.passed(), o.findings().toString());
        assertEquals(20_000, o.sim().workload.completed());
    }
}

package org.sysmodels.nvme.scenario;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;

class BugLabProbe {

    @Test
    void show() {
        for (BugLab lab : BugLab.values()) {
            Outcome o = new Simulation(lab.scenario(NvmeScenario.DEFAULT), 1, Tracer.off(), lab.bug()).run();
            System.out.println("=== " + lab.label() + " rule " + lab.rule() + " caught=" + o.violations(lab.rule())
                    + " completed=" + o.sim().workload.completed() + " errors=" + o.sim().workload.errors()
                    + " wall=" + o.wallNanos() / 1e6 + "ms events=" + o.sim().events() + " t=" + o.sim().scheduler.now());
            o.findings().stream().limit(8).forEach(f -> System.out.println("   " + f));
        }
    }
}

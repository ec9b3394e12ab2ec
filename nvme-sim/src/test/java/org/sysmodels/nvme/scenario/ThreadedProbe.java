package org.sysmodels.nvme.scenario;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;

class ThreadedProbe {
    @Test
    void probe() {
        NvmeScenario s = NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(4, 4))
                .withWorkload(WorkloadSpec.DEFAULT.withIodepth(16).with(null, null, null, 4, null, null, 70));
        ThreadedRun r = new ThreadedRun(s, 1, Tracer.off());
        System.out.println("start " + r.start() + " " + r.failure());
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            boolean ok = r.run(2_000_000, 5_000_000_000L);
            long dt = System.nanoTime() - t0;
            System.out.printf("ok=%s %.2f M cmds/s completed=%d%n", ok, 2_000_000 / (dt / 1e9) / 1e6, r.host().completed());
        }
        r.stop();
        System.out.println(r.findings());
    }
}

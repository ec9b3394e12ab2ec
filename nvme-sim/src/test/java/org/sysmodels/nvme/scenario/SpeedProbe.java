package org.sysmodels.nvme.scenario;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.DriverBug;

class SpeedProbe {

    @Test
    void probe() {
        NvmeScenario s = NvmeScenario.DEFAULT
                .withDevice(DeviceSpec.DEFAULT.instant())
                .withHost(HostSpec.DEFAULT.withQueues(4, 4).withInterruptLatency(0))
                .withWorkload(WorkloadSpec.DEFAULT.withIodepth(16).with(null, null, null, 4, Long.MAX_VALUE / 8, null, null)
                        .withVerify(true));
        Simulation sim = new Simulation(s, 1, Tracer.off(), DriverBug.NONE);
        sim.start();
        for (int round = 0; round < 12; round++) {
            long before = sim.workload.completed();
            long t0 = System.nanoTime();
            while (sim.workload.completed() - before < 5_000_000) {
                sim.scheduler.step();
            }
            long dt = System.nanoTime() - t0;
            System.out.printf("round %d: %.2f M cmds/s, events/cmd %.3f%n", round, 5_000_000 / (dt / 1e9) / 1e6,
                    0.0);
        }
        System.out.println(sim.findings());
    }
}

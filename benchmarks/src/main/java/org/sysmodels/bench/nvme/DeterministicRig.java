package org.sysmodels.bench.nvme;

import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.run.Simulation;
import org.sysmodels.nvme.scenario.DeviceSpec;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * The deterministic headline setup: fio 4 KiB random read, 4 jobs × iodepth 16 = queue depth 64 over 4 queue pairs,
 * a device with zero latency (every command completes the instant it is fetched), MSI-X delivered with zero latency,
 * the whole stack (fio, blk-mq, the Linux-style driver, the controller) on the sim-core scheduler, on one thread.
 */
public final class DeterministicRig {

    public final Simulation sim;

    /** @param checked run-time checks and read-after-write verification on (the default of every run) or off */
    public DeterministicRig(boolean checked) {
        NvmeScenario s = NvmeScenario.DEFAULT
                .withDevice(DeviceSpec.DEFAULT.instant())
                .withHost(HostSpec.DEFAULT.withQueues(4, 4).withInterruptLatency(0).withQueueEntries(256, 0))
                .withWorkload(WorkloadSpec.DEFAULT.with(null, 4096L, 16, 4, Long.MAX_VALUE / 8, null, null)
                        .withVerify(checked));
        sim = new Simulation(s, 42, Tracer.off());
        if (!checked) {
            sim.controller.observe(null);
            sim.memory.observe(null);
            sim.blk.observe(null);
        }
        sim.start();
    }

    /** Runs until {@code n} more commands have completed. */
    public void commands(long n) {
        long target = sim.workload.completed() + n;
        while (sim.workload.completed() < target) {
            sim.scheduler.step();
        }
    }

    public long completed() {
        return sim.workload.completed();
    }
}

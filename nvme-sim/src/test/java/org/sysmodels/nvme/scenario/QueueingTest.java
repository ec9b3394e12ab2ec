package org.sysmodels.nvme.scenario;

import org.sysmodels.nvme.run.Outcome;
import org.sysmodels.nvme.run.Simulation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.trace.Tracer;

/**
 * The service model is a queue: one internal unit with exponential service and Poisson arrivals at utilisation 0.5
 * is an M/M/1 queue, whose mean time in system is W = 1 / (μ − λ) (Kleinrock, Queueing Systems vol. 1, §3.2). The
 * whole host path (blk-mq, driver, doorbell, fetch, interrupt) adds no time here, so the measured mean completion
 * latency must be within 5% of the formula; and a closed loop saturates at units / service time.
 */
class QueueingTest {

    @Test
    void oneUnitAtHalfLoadIsAnMm1Queue() {
        long meanService = 20_000;
        double mu = 1e9 / meanService;
        double lambda = 0.5 * mu;
        NvmeScenario s = NvmeScenario.DEFAULT
                .withDevice(DeviceSpec.DEFAULT.withUnits(1).withRead(new Distribution.Exponential(meanService)))
                .withHost(HostSpec.DEFAULT.withInterruptLatency(0))
                .withWorkload(WorkloadSpec.DEFAULT.withIodepth(1023).withIos(200_000).withRate(lambda)
                        .withVerify(false));
        Outcome o = new Simulation(s, 11, Tracer.off()).run();
        double w = 1e9 / (mu - lambda);
        double measured = o.latency().mean();
        assertTrue(Math.abs(measured / w - 1) < 0.05, "mean latency " + measured + " ns vs W = " + w + " ns");
        assertEquals(0.5, o.sim().controller.unitUtilisation(), 0.02, "utilisation ρ = λ/μ");
        assertTrue(o.passed(), o.findings().list().toString());
    }

    @Test
    void largeTransfersAreLimitedByTheLinkNotTheUnits() {
        DeviceSpec d = new DeviceSpec(16, new Distribution.Fixed(10_000), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, 1_000_000_000L, null);
        NvmeScenario s = NvmeScenario.DEFAULT.withDevice(d).withHost(HostSpec.DEFAULT.withInterruptLatency(0))
                .withWorkload(WorkloadSpec.DEFAULT.with(org.sysmodels.nvme.host.workload.Rw.READ, 65536L, 16, 1, 4000L, null,
                        null).withVerify(false));
        Outcome o = new Simulation(s, 1, Tracer.off()).run();
        assertEquals(1e9, o.bandwidth(), 1e9 * 0.01, "one link at 1 GB/s: bandwidth, not 16 units, is the limit");
        Outcome one = new Simulation(s.withWorkload(s.workload().withIodepth(1).withIos(200)), 1, Tracer.off()).run();
        assertEquals(10_000 + 65_536, one.latency().mean(), 100, "alone: media time, then the transfer");
    }

    @Test
    void aClosedLoopSaturatesAtUnitsOverServiceTime() {
        NvmeScenario s = NvmeScenario.DEFAULT
                .withDevice(DeviceSpec.DEFAULT.withUnits(8).withRead(new Distribution.Fixed(50_000)))
                .withHost(HostSpec.DEFAULT.withInterruptLatency(0))
                .withWorkload(WorkloadSpec.DEFAULT.withIodepth(64).withIos(20_000).withVerify(false));
        Outcome o = new Simulation(s, 1, Tracer.off()).run();
        assertEquals(8 / 50e-6, o.iops(), 8 / 50e-6 * 0.01, "IOPS = units / service time");
        assertEquals(64 * 50_000 / 8.0, o.latency().mean(), 64 * 50_000 / 8.0 * 0.02, "W = L / λ (Little)");
    }
}

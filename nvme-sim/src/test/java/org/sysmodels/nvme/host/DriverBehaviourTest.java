package org.sysmodels.nvme.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.trace.TraceEvent;
import org.sysmodels.core.trace.TraceLog;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.ControllerState;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.scenario.DeviceSpec;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.run.Outcome;
import org.sysmodels.nvme.run.Simulation;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/** The reference driver: bring-up order, batching, polling, recovery from faults, orderly shutdown. */
class DriverBehaviourTest {

    private static Outcome run(NvmeScenario s, Tracer t) {
        return new Simulation(s, 5, t).run();
    }

    private static LinuxDriver driver(Outcome o) {
        return (LinuxDriver) o.sim().driver;
    }

    private static NvmeScenario base(int ios) {
        return NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT.withIodepth(16).withIos(ios));
    }

    @Test
    void bringUpFollowsTheLinuxOrderAndShutdownCompletes() {
        Tracer t = Tracer.recording("test");
        Outcome o = run(NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(2, 2))
                .withWorkload(WorkloadSpec.DEFAULT.with(null, null, 4, 2, 50L, null, null)), t);
        TraceLog log = t.log();
        List<String> steps = log.events().stream().filter(e -> e instanceof TraceEvent.Begin)
                .map(e -> (TraceEvent.Begin) e).filter(e -> e.track().thread().equals("driver"))
                .map(TraceEvent.Begin::name).toList();
        assertEquals(List.of("probe", "disable", "admin queues", "enable", "identify controller",
                "set number of queues", "identify namespaces", "create I/O queue 1", "create I/O queue 2"), steps);
        assertInstanceOf(ControllerState.ShutDown.class, o.sim().controller.state(), "CC.SHN at the end");
        assertTrue(o.passed(), o.findings().list().toString());
    }

    /**
     * Linux's nvme_dev_disable counts a controller whose CSTS reads CFS = 1 as dead: no queue deletion, no CC.SHN,
     * the shutdown is over at once. The reference driver sent Delete I/O SQ to the failed controller and waited.
     */
    @Test
    void shutdownOfAFailedControllerSendsNothingAndEndsAtOnce() {
        Simulation sim = new Simulation(base(100_000), 5, Tracer.off());
        sim.blk.start(sim.driver);
        while (sim.blk.hardwareQueues() == 0) {
            assertTrue(sim.scheduler.step(), "the driver comes up");
        }
        sim.controller.fatalError("test: an internal error");
        assertTrue(Csts.fatal(sim.platform.bar0().read32(Registers.CSTS)));
        boolean[] done = {false};
        sim.driver.shutdown(() -> done[0] = true);
        assertTrue(done[0], "no wait for a dead controller");
        assertEquals(Cc.SHN_NONE, Cc.decode(sim.platform.bar0().read32(Registers.CC)).shn(), "no CC.SHN written");
        assertEquals(Csts.SHST_NORMAL, Csts.shst(sim.platform.bar0().read32(Registers.CSTS)));
    }

    @Test
    void doorbellsAreBatched() {
        NvmeScenario s = base(20_000).withDevice(DeviceSpec.DEFAULT.instant())
                .withHost(HostSpec.DEFAULT.withInterruptLatency(0));
        Outcome o = run(s, Tracer.off());
        double perCommand = o.sim().controller.sqTailDoorbellWrites() / (double) o.sim().workload.completed();
        assertTrue(perCommand < 0.1, "one SQ doorbell write per batch of 16, got " + perCommand + " per command");
    }

    @Test
    void polledQueuesRaiseNoInterrupts() {
        Outcome o = run(base(5000).withHost(HostSpec.DEFAULT.withCompletion(HostSpec.Completion.POLL)), Tracer.off());
        assertEquals(5000, o.sim().workload.completed());
        assertEquals(0, o.sim().controller.interruptsSignalled(1));
        assertTrue(o.passed());
    }

    @Test
    void aFatalControllerErrorIsRecoveredByAResetAndNothingIsLost() {
        NvmeScenario s = base(20_000).withHost(HostSpec.DEFAULT.withTimeouts(2_000_000, 4_000_000))
                .withFaults(List.of(new Fault("controller-fatal", "controller", 20_000_000L, null, 1.0, 1L)));
        Outcome o = run(s, Tracer.off());
        assertEquals(1, driver(o).resets());
        assertEquals(20_000, o.sim().workload.completed(), "every request completed once, after requeue");
        assertEquals(0, o.sim().workload.errors());
        assertTrue(o.passed(), o.findings().list().toString());
    }

    @Test
    void aStuckCommandTimesOutAndIsAbortedThenRetried() {
        NvmeScenario s = base(5000).withHost(HostSpec.DEFAULT.withTimeouts(1_000_000, 2_000_000))
                .withFaults(List.of(new Fault("stuck-command", "ns1", 3_000_000L, null, 1.0, 1L)));
        Outcome o = run(s, Tracer.off());
        assertEquals(1, driver(o).aborts());
        assertEquals(0, driver(o).resets(), "the abort worked, no reset needed");
        assertEquals(0, o.sim().workload.errors(), "Abort Requested has no DNR: the request was retried");
        assertTrue(o.latency().max() >= 1_000_000, "it waited one timeout");
        assertTrue(o.findings().list().stream().anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("aborted")));
    }

    @Test
    void mediaErrorsAreRetriedUpToMaxRetries() {
        NvmeScenario twice = base(2000).withFaults(List.of(new Fault("unrecovered-read-error", "ns1", null, null, 1.0,
                2L)));
        assertEquals(0, run(twice, Tracer.off()).sim().workload.errors(), "two failures, then a retry succeeds");
        NvmeScenario always = base(50).withFaults(List.of(new Fault("unrecovered-read-error", "ns1", null, null,
                1.0, null)));
        Outcome o = run(always, Tracer.off());
        assertEquals(50, o.sim().workload.errors(), "every read fails after 1 + 5 tries");
        assertTrue(o.sim().controller.completionsPosted() >= 50 * 6, "each read was tried six times");
    }

    @Test
    void sameSeedSameRun() {
        NvmeScenario s = NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT.with(
                org.sysmodels.nvme.host.workload.Rw.RANDRW, null, 8, 2, 3000L, null, 60));
        Tracer a = Tracer.recording("a");
        Tracer b = Tracer.recording("b");
        Outcome x = new Simulation(s, 9, a).run();
        Outcome y = new Simulation(s, 9, b).run();
        assertEquals(x.latency(), y.latency());
        assertEquals(a.log().events().size(), b.log().events().size());
        assertEquals(a.log().events().toString(), b.log().events().toString());
    }
}

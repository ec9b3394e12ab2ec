package org.sysmodels.vcpu.run;

import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.host.labs.AnswersInWrongState;
import org.sysmodels.vcpu.host.labs.ForgetsImmediateExit;
import org.sysmodels.vcpu.host.labs.LosesInFlightWrite;
import org.sysmodels.vcpu.host.labs.SnapshotWhileRunning;
import org.sysmodels.vcpu.model.vmm.VmmParts;
import org.sysmodels.vcpu.scenario.VcpuScenario;
import org.sysmodels.vcpu.scenario.VcpuScenarios;

class ScenarioSmokeTest {

    static void show(String name, VmmParts parts) throws Exception {
        show(VcpuScenarios.CATALOG.resolve(name), parts, name);
    }

    static void show(VcpuScenario s, VmmParts parts, String name) {
        long t0 = System.nanoTime();
        MicroVmRun.Outcome o = MicroVmRun.run(MicroVmRun.Setup.of(s, Guests.get(s.guest()).elf(), s.guest())
                .withParts(parts));
        System.out.println("=== " + name + " (" + parts.name() + ") " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        System.out.println(o.console());
        System.out.println("exit " + o.exitCode() + " cut " + o.cutByLimit() + " end " + o.endNs() + " instr "
                + o.instructions() + " start error " + o.startError());
        o.log().forEach(System.out::println);
        o.restoreResults().forEach(System.out::println);
        o.findings().list().forEach(System.out::println);
    }

    @Test
    void scenarios() throws Exception {
        for (String n : new String[] {"hello", "pause-resume", "snapshot", "smp", "blk", "rate-limited", "reset"}) {
            show(n, VmmParts.REFERENCE);
        }
    }

    @Test
    void labs() throws Exception {
        VcpuScenario idle = new VcpuScenario("idle", null, null, null, null, null, 60_000_000_000L, null, null, null,
                java.util.List.of(new VcpuScenario.Action(null, VcpuScenario.Trigger.BOOTED, VcpuScenario.What.PAUSE,
                        null)), null, null);
        show(idle, VmmParts.REFERENCE, "idle pause");
        show(idle, ForgetsImmediateExit.PARTS, "idle pause");
        VcpuScenario count = VcpuScenarios.CATALOG.resolve("count").withActions(java.util.List.of(
                VcpuScenario.Action.snapshotAt(1_000_000, VcpuScenario.SnapshotType.FULL)));
        show(count, VmmParts.REFERENCE, "snapshot running");
        show(count, SnapshotWhileRunning.PARTS, "snapshot running");
        show(count, AnswersInWrongState.PARTS, "snapshot running");
        VcpuScenario blk = VcpuScenarios.CATALOG.resolve("blk").withDrive(new VcpuScenario.Drive(null, 64L, null,
                null, VcpuScenario.Engine.ASYNC, 200_000L, null, null)).withActions(java.util.List.of(
                new VcpuScenario.Action(null, VcpuScenario.Trigger.WRITE_IN_FLIGHT, VcpuScenario.What.PAUSE, null),
                new VcpuScenario.Action(null, VcpuScenario.Trigger.WRITE_IN_FLIGHT, VcpuScenario.What.SNAPSHOT, null),
                new VcpuScenario.Action(null, VcpuScenario.Trigger.WRITE_IN_FLIGHT, VcpuScenario.What.RESUME, null)));
        show(blk, VmmParts.REFERENCE, "blk in flight");
        show(blk, LosesInFlightWrite.PARTS, "blk in flight");
    }
}

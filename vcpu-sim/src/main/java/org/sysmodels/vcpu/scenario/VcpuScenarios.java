package org.sysmodels.vcpu.scenario;

import org.sysmodels.core.scenario.ScenarioCatalog;

/** The packaged scenarios of {@code sim vcpu}. */
public final class VcpuScenarios {

    private static final String DIR = "/org/sysmodels/vcpu/scenario/";

    public static final ScenarioCatalog<VcpuScenario> CATALOG = new ScenarioCatalog<>(VcpuScenario.class)
            .add("hello", DIR + "hello.json", "boot the hello guest: serial output, boot time, exits by reason")
            .add("count", DIR + "count.json", "a counting loop printing progress over the UART")
            .add("pause-resume", DIR + "pause-resume.json",
                    "a guest that never exits, paused and resumed: the kick (immediate_exit + signal) at work")
            .add("snapshot", DIR + "snapshot.json",
                    "pause, full snapshot, resume, then a diff snapshot; each restored and checked against the run")
            .add("smp", DIR + "smp.json", "two vCPUs sharing counters (deterministic interleaving)")
            .addRealTime("smp-threaded", DIR + "smp-threaded.json",
                    "the same on two real threads: the racy counter really loses updates")
            .add("blk", DIR + "blk.json", "a virtio-blk driver in the guest: read, write, read back, flush")
            .add("rate-limited", DIR + "rate-limited.json",
                    "the same drive behind Firecracker's rate limiter: one op per 100 ms")
            .add("reset", DIR + "reset.json", "the guest asks for a reboot: Firecracker stops the microVM (exit 0)")
            .add("boot-timeline", DIR + "boot-timeline.json",
                    "where the time of a microVM boot goes: Firecracker's published figures and this model's")
            .addRealTime("creation-rate", DIR + "creation-rate.json",
                    "create, boot to the first serial byte and tear down 1000 microVMs, one after another");

    private VcpuScenarios() {
    }
}

package org.sysmodels.vcpu.model.vcpu;

/** What the VMM tells a vCPU thread (Firecracker {@code vstate/vcpu.rs}, {@code VcpuEvent}). */
public sealed interface VcpuEvent {

    Finish FINISH = new Finish();
    Pause PAUSE = new Pause();
    Resume RESUME = new Resume();
    SaveState SAVE_STATE = new SaveState();
    DumpCpuConfig DUMP_CPU_CONFIG = new DumpCpuConfig();

    /** The vCPU thread will end when receiving this message. */
    record Finish() implements VcpuEvent {
    }

    /** Pause the vCPU. */
    record Pause() implements VcpuEvent {
    }

    /** Resume the vCPU. */
    record Resume() implements VcpuEvent {
    }

    /** Save the state of a paused vCPU. */
    record SaveState() implements VcpuEvent {
    }

    /** Dump the CPU configuration of a paused vCPU. */
    record DumpCpuConfig() implements VcpuEvent {
    }

    static String describe(VcpuEvent e) {
        return switch (e) {
            case Finish f -> "Finish";
            case Pause p -> "Pause";
            case Resume r -> "Resume";
            case SaveState s -> "SaveState";
            case DumpCpuConfig d -> "DumpCpuConfig";
        };
    }
}

package org.sysmodels.vcpu.model.vcpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.os.Received;
import org.sysmodels.vcpu.model.vmm.ConsoleLog;
import org.sysmodels.vcpu.model.vmm.Observers;
import org.sysmodels.vcpu.model.vmm.VcpuHandle;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmParts;
import org.sysmodels.vcpu.testing.Asm;

/**
 * Model-based test of the vCPU thread: random sequences of events (Pause, Resume, SaveState, DumpCpuConfig), the
 * guest stopping by itself, and a final Finish go to a real vCPU thread (deterministic host) whose guest loops making
 * MMIO exits until told to stop. A reference written here from Firecracker's table (vcpu.rs, main 81b38b9) says which
 * response each event gets and which state follows; both must agree at every step.
 */
class VcpuStateMachineTest {

    /** Where the test guest looks for "stop". */
    static final long FLAG = GuestMemory.DRAM_START + 0x2000;

    /** A guest: loop { if (*FLAG) shutdown(); write the UART scratch register; }. */
    static byte[] guest() {
        List<Integer> code = new ArrayList<>();
        code.add(Asm.u(0, 5, 0x17));                                      // auipc t0, 0: t0 = 0x8000_0000
        code.add(Asm.lui(6, (int) (FLAG - GuestMemory.DRAM_START) >>> 12)); // t1 = offset of the flag
        code.add(Asm.r(0, 6, 5, 0, 5, 0x33));                              // t0 = t0 + t1 (flag address)
        code.add(Asm.lui(7, 0x40002));                                    // t2 = 0x4000_2000 (serial)
        int loop = code.size();
        code.add(Asm.ld(28, 5, 0));                                       // t3 = *flag
        code.add(Asm.b(12, 0, 28, 1));                                    // bne t3, x0, +12 (to stop)
        code.add(Asm.sb(0, 7, 7));                                        // sb x0, 7(t2): an MMIO exit
        code.add(Asm.j(4 * (loop - code.size()), 0));                     // j loop
        code.addAll(Asm.li(17, 0x53525354));                              // a7 = SRST
        code.add(Asm.addi(16, 0, 0));                                     // a6 = 0
        code.add(Asm.addi(10, 0, 0));                                     // a0 = shutdown
        code.add(Asm.addi(11, 0, 0));                                     // a1 = no reason
        code.add(Asm.ECALL);
        code.add(Asm.j(0, 0));
        return Asm.elf(GuestMemory.DRAM_START, Asm.toArray(code), 0x2000);
    }

    sealed interface Cmd {
        record Send(VcpuEvent event) implements Cmd {
        }

        record GuestStops() implements Cmd {
        }
    }

    static Gen<Cmd> commands() {
        return integers().between(0, 9).map(k -> switch (k) {
            case 0, 1, 2 -> new Cmd.Send(VcpuEvent.PAUSE);
            case 3, 4, 5 -> new Cmd.Send(VcpuEvent.RESUME);
            case 6 -> new Cmd.Send(VcpuEvent.SAVE_STATE);
            case 7 -> new Cmd.Send(VcpuEvent.DUMP_CPU_CONFIG);
            case 8 -> (Cmd) new Cmd.GuestStops();
            default -> new Cmd.Send(VcpuEvent.PAUSE);
        });
    }

    /** The reference: Firecracker's table, written out again. */
    record Step(String response, VcpuState next) {
    }

    static Step reference(VcpuState s, VcpuEvent e) {
        if (s instanceof VcpuState.Finished) {
            return new Step(null, s);
        }
        if (e instanceof VcpuEvent.Finish) {
            return new Step(null, VcpuState.FINISHED);
        }
        if (s instanceof VcpuState.Exited x) {
            return new Step("Exited(" + x.code().rustName() + ")", s);
        }
        boolean running = s instanceof VcpuState.Running;
        return switch (e) {
            case VcpuEvent.Pause p -> new Step("Paused", VcpuState.PAUSED);
            case VcpuEvent.Resume r -> new Step("Resumed", VcpuState.RUNNING);
            case VcpuEvent.SaveState x -> new Step(running ? "NotAllowed(save/restore unavailable while running)"
                    : "SavedState", s);
            case VcpuEvent.DumpCpuConfig x -> new Step(running
                    ? "NotAllowed(cpu config dump is unavailable while running)" : "DumpedCpuConfig", s);
            case VcpuEvent.Finish f -> throw new AssertionError();
        };
    }

    static String name(VcpuResponse r) {
        return VcpuResponse.describe(r).replace("VcpuResponse::", "");
    }

    @Test
    void vcpuAnswersAsFirecrackersTable() {
        byte[] elf = guest();
        Props.property(300).forAll(lists().of(commands()).ofSizeBetween(1, 25))
                .checkAssert(cmds -> run(elf, cmds));
    }

    static void run(byte[] elf, List<Cmd> cmds) {
        DeterministicPlatform p = new DeterministicPlatform(new Scheduler(), Timing.DEFAULT);
        ConsoleLog log = new ConsoleLog(p.clock(), null);
        Vmm[] vmm = new Vmm[1];
        p.onVmmThread(() -> {
            try {
                vmm[0] = Vmm.boot(VmConfig.of(elf, ""), p, VmmParts.REFERENCE, log, Observers.NONE);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        VcpuHandle h = vmm[0].handles().get(0);
        VcpuState state = VcpuState.RUNNING; // boot resumed it
        boolean stopAsked = false;          // the guest stops as soon as it runs once this is set
        int step = 0;
        for (Cmd c : cmds) {
            String where = "step " + step++ + " " + c + " in " + VcpuState.describe(state) + " of " + cmds;
            switch (c) {
                case Cmd.GuestStops g -> {
                    stopAsked = true;
                    vmm[0].memory().write(FLAG, 8, 1);
                    p.runUntil(() -> false, p.now() + 2_000_000);
                    if (state instanceof VcpuState.Running) {
                        state = new VcpuState.Exited(FcExitCode.OK);
                        assertEquals(FcExitCode.OK, vmm[0].shutdownExitCode(), where + ": VMM saw the exit");
                    }
                }
                case Cmd.Send s -> {
                    Step want = reference(state, s.event());
                    final Received<VcpuResponse>[] got = newHolder();
                    p.onVmmThread(() -> {
                        h.sendEvent(s.event());
                        got[0] = h.responseReceiver().recvTimeout(1_000_000_000L);
                    });
                    if (want.response() == null) {
                        assertTrue(!(got[0] instanceof Received.Message), where + ": no answer expected, got "
                                + got[0]);
                    } else {
                        assertTrue(got[0] instanceof Received.Message, where + ": no answer");
                        assertEquals(want.response(), name(((Received.Message<VcpuResponse>) got[0]).value()),
                                where);
                    }
                    state = want.next();
                    if (stopAsked && state instanceof VcpuState.Running) {
                        state = new VcpuState.Exited(FcExitCode.OK); // it runs, reads the flag, and shuts down
                    }
                }
            }
            p.runUntil(() -> false, p.now() + 10_000);
            assertEquals(VcpuState.describe(state), VcpuState.describe(vmm[0].runLoopStates().get(0)), where);
        }
        Step fin = reference(state, VcpuEvent.FINISH);
        assertEquals(null, fin.response());
        p.onVmmThread(() -> {
            vmm[0].stop(FcExitCode.OK);
            assertEquals(List.of(), vmm[0].shutdown(), "teardown joined the thread");
        });
        assertEquals("Finished", VcpuState.describe(vmm[0].runLoopStates().get(0)));
    }

    @SuppressWarnings("unchecked")
    static Received<VcpuResponse>[] newHolder() {
        return new Received[1];
    }
}

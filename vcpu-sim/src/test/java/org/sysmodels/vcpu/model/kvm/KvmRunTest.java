package org.sysmodels.vcpu.model.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.testing.Asm;

/** KVM_RUN's contract: exit reasons and payloads, completion on re-entry, immediate_exit, errors. */
class KvmRunTest {

    static KvmVcpu vcpu(int... code) {
        GuestMemory mem = new GuestMemory(1 << 20);
        for (int i = 0; i < code.length; i++) {
            mem.write(GuestMemory.DRAM_START + 4L * i, 4, code[i]);
        }
        KvmVm vm = new KvmVm(mem, 1, Timing.DEFAULT);
        KvmVcpu v = vm.vcpu(0);
        v.hart().pc = GuestMemory.DRAM_START;
        return v;
    }

    @Test
    void mmioReadExitsAndTheValueLandsOnReentry() {
        List<Integer> c = new ArrayList<>(List.of(Asm.lui(5, 0x40002)));
        c.add(Asm.i(5, 5, 4, 6, 0x03));        // lbu x6, 5(x5): the LSR
        c.add(Asm.i(0, 5, 0, 7, 0x03));        // lb x7, 0(x5)
        KvmVcpu v = vcpu(Asm.toArray(c));
        assertEquals(RunOutcome.EXIT, v.run(Long.MAX_VALUE));
        KvmRun r = v.kvmRun();
        assertEquals(ExitReason.MMIO, r.exitReason);
        assertEquals(0x4000_2005L, r.mmioPhysAddr);
        assertEquals(1, r.mmioLen);
        assertEquals(false, r.mmioIsWrite);
        r.mmioData = 0xE0; // what the device gave
        assertEquals(RunOutcome.EXIT, v.run(Long.MAX_VALUE));
        assertEquals(0xE0, v.hart().x[6], "lbu zero-extends");
        r.mmioData = 0x80;
        assertEquals(RunOutcome.EXIT, v.run(Long.MAX_VALUE)); // the next exit: fetch from an empty page, illegal 0
        assertEquals(-128, v.hart().x[7], "lb sign-extends");
    }

    @Test
    void immediateExitReturnsEintrAtOnceAfterCompletingTheLastExit() {
        KvmVcpu v = vcpu(Asm.lui(5, 0x40002), Asm.sb(0, 5, 7), Asm.addi(6, 0, 1));
        assertEquals(RunOutcome.EXIT, v.run(Long.MAX_VALUE));
        assertEquals(ExitReason.MMIO, v.kvmRun().exitReason);
        long pc = v.hart().pc;
        v.kvmRun().setImmediateExit(1);
        assertEquals(RunOutcome.INTERRUPTED, v.run(Long.MAX_VALUE));
        assertEquals(pc + 4, v.hart().pc, "the store was completed before EINTR (KVM completes, then checks)");
        assertEquals(0, v.hart().x[6], "no guest instruction ran");
    }

    @Test
    void aSignalInsideKvmRunIsEintr_outsideItIsLost() {
        KvmVcpu v = vcpu(Asm.j(0, 0)); // spins for ever
        v.signal(); // the thread is in userspace: the handler runs, the signal is gone
        assertEquals(RunOutcome.PREEMPTED, runDeterministic(v, 1000));
        v.signal(); // now inside KVM_RUN (descheduled there)
        assertEquals(RunOutcome.INTERRUPTED, runDeterministic(v, 1000));
        assertEquals(ExitReason.INTR, v.kvmRun().exitReason);
    }

    static RunOutcome runDeterministic(KvmVcpu v, long budget) {
        v.deterministic(x -> { });
        return v.run(budget);
    }

    @Test
    void illegalInstructionIsAnInternalErrorWithPcAndBits() {
        KvmVcpu v = vcpu(Asm.addi(5, 0, 1), 0xFFFF_FFFF);
        assertEquals(RunOutcome.EXIT, v.run(Long.MAX_VALUE));
        assertEquals(ExitReason.INTERNAL_ERROR, v.kvmRun().exitReason);
        assertEquals(ExitReason.INTERNAL_ERROR_EMULATION, v.kvmRun().internalSuberror);
        assertEquals(GuestMemory.DRAM_START + 4, v.kvmRun().internalData[0]);
        assertEquals(0xFFFF_FFFFL, v.kvmRun().internalData[1]);
        assertTrue(v.internalErrorDetail().startsWith("illegal instruction 0xffffffff"), v.internalErrorDetail());
    }

    @Test
    void fetchOutsideRamFailsWithEopnotsupp() {
        KvmVcpu v = vcpu(Asm.lui(5, 0x40000), Asm.i(0, 5, 0, 0, 0x67)); // jr to 0x4000_0000
        assertEquals(new RunOutcome.Failed(Errno.EOPNOTSUPP), v.run(Long.MAX_VALUE));
    }

    @Test
    void sbiResetIsASystemEventAndConsoleIsForwarded() {
        List<Integer> c = new ArrayList<>(Asm.li(17, 1));
        c.add(Asm.addi(10, 0, 'A'));
        c.add(Asm.ECALL);                                  // legacy putchar: forwarded
        c.addAll(Asm.li(17, 0x53525354));
        c.add(Asm.addi(16, 0, 0));
        c.add(Asm.addi(10, 0, 1));                         // cold reboot
        c.add(Asm.addi(11, 0, 0));
        c.add(Asm.ECALL);
        KvmVcpu v = vcpu(Asm.toArray(c));
        assertEquals(RunOutcome.EXIT, v.run(Long.MAX_VALUE));
        assertEquals(ExitReason.RISCV_SBI, v.kvmRun().exitReason);
        assertEquals(1, v.kvmRun().sbiExtensionId);
        assertEquals('A', v.kvmRun().sbiArgs[0]);
        v.kvmRun().sbiRet[0] = 0;
        assertEquals(RunOutcome.EXIT, v.run(Long.MAX_VALUE));
        assertEquals(ExitReason.SYSTEM_EVENT, v.kvmRun().exitReason);
        assertEquals(ExitReason.SYSTEM_EVENT_RESET, v.kvmRun().systemEventType);
    }
}

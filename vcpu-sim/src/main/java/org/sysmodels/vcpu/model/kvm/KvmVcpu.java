package org.sysmodels.vcpu.model.kvm;

import java.util.concurrent.locks.LockSupport;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.isa.Interpreter;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.EventFd;

/**
 * A vCPU file descriptor and its KVM_RUN (Linux {@code virt/kvm/kvm_main.c} and {@code arch/riscv/kvm/vcpu.c},
 * {@code vcpu_exit.c}): runs the guest until something needs the VMM and says what in {@link KvmRun}.
 *
 * <p>KVM_RUN, in the order KVM does it: complete the last exit (the value an MMIO read returned goes into the
 * destination register, an SBI call's return values into a0/a1, and the pc moves past the instruction); if
 * {@code immediate_exit} is set, return -EINTR at once; then loop: a stopped hart (HSM) or one in {@code wfi}
 * without a pending interrupt sleeps in the kernel; a pending signal returns -EINTR (exit_reason KVM_EXIT_INTR); the
 * guest runs; an access outside RAM is handled in the kernel if it is the interrupt controller or an ioeventfd, else
 * it is a KVM_EXIT_MMIO; an {@code ecall} is answered by KVM's SBI or forwarded (KVM_EXIT_RISCV_SBI); a system reset
 * is a KVM_EXIT_SYSTEM_EVENT; a fetch from outside RAM fails KVM_RUN with EOPNOTSUPP (as the G-stage page fault
 * handler does for a fetch it cannot emulate).
 *
 * <p>One simplification, said plainly: on real hardware an illegal instruction, an {@code ebreak} or a misaligned
 * access traps into the guest's own handler (KVM delegates those exceptions to VS-mode); these bare-metal guests have
 * no trap handler, so KVM_RUN reports them as KVM_EXIT_INTERNAL_ERROR with suberror KVM_INTERNAL_ERROR_EMULATION and
 * the pc and instruction bits as data, the exit KVM gives when it cannot go on with a guest.
 *
 * <p>The signal (the kick): {@link #signal()} stands for {@code pthread_kill(SIGRTMIN)} to this vCPU's thread. If the
 * thread is inside KVM_RUN, KVM_RUN returns -EINTR; if it is in the VMM's own code, the handler (Firecracker's does
 * only a fence) runs and the signal is gone, which is why the sender sets {@code immediate_exit} first. The thread's
 * position is one atomic word, {@link ThreadPosition}, so that "signal arrives" and "thread leaves KVM_RUN" cannot
 * both miss each other. What KVM_RUN returns is a {@link RunOutcome}.
 */
public final class KvmVcpu {

    /**
     * How many guest instructions run between two looks for a kick (KVM's signal to a vCPU thread inside KVM_RUN):
     * about 8 µs of guest time at 250 M instructions/s, so a pause waits for at most that; one volatile read per
     * poll costs nothing measurable.
     */
    private static final long POLL_INSTRUCTIONS = 2_048;

    /** How the host wakes this vCPU's thread when it sleeps in KVM_RUN (deterministic mode schedules it). */
    public interface Waker {
        void wake(KvmVcpu vcpu);
    }

    private final KvmVm vm;
    private final int id;
    private final Hart hart;
    private final KvmRun run = new KvmRun();
    private final ThreadPosition position = new ThreadPosition();
    private volatile int hsm;
    private volatile boolean inWfi;
    private volatile Thread owner;
    private Waker waker;
    private boolean threaded = true;
    private int completion;
    private boolean preempted;
    private long exits;
    private long userExits;

    KvmVcpu(KvmVm vm, int id) {
        this.vm = vm;
        this.id = id;
        this.hart = new Hart(id);
        this.hart.nsPerInstruction = vm.timing().nsPerInstruction();
        this.hsm = id == 0 ? Sbi.HSM_STARTED : Sbi.HSM_STOPPED;
    }

    public int id() {
        return id;
    }

    public KvmVm vm() {
        return vm;
    }

    public Hart hart() {
        return hart;
    }

    /** The mmap'ed {@code struct kvm_run}. */
    public KvmRun kvmRun() {
        return run;
    }

    /** Runs on the scheduler instead of its own thread: sleeping in KVM_RUN returns {@link RunOutcome.Preempted}. */
    public void deterministic(Waker w) {
        threaded = false;
        waker = w;
    }

    /** Exits to userspace so far (each KVM_RUN that returned an exit or an error). */
    public long userExits() {
        return userExits;
    }

    /** Exits KVM handled itself (interrupt controller accesses, ioeventfds, SBI calls). */
    public long kernelExits() {
        return exits;
    }

    /** True if the hart sleeps in KVM_RUN (stopped, or in wfi with nothing pending). */
    public boolean sleeping() {
        return hsm == Sbi.HSM_STOPPED || (inWfi && !vm.plic().pendingFor(id));
    }

    /** HSM status: 0 started, 1 stopped. */
    public int hsmStatus() {
        return hsm;
    }

    /** Sets the hart's HSM state (VMM set-up, KVM_SET_MP_STATE; restore). */
    public void setRunnable(boolean started) {
        hsm = started ? Sbi.HSM_STARTED : Sbi.HSM_STOPPED;
    }

    public boolean waitingForInterrupt() {
        return inWfi;
    }

    public void setWaitingForInterrupt(boolean wfi) {
        inWfi = wfi;
    }

    // ------------------------------------------------------------------ KVM_RUN

    /**
     * KVM_RUN with a host time slice of {@code budget} instructions (deterministic mode; threaded mode passes
     * {@link Long#MAX_VALUE}).
     *
     * @return {@link RunOutcome#EXIT} with {@code kvm_run.exit_reason} set, {@link RunOutcome#INTERRUPTED} (EINTR),
     *         {@link RunOutcome#NOT_SUPPORTED} (EOPNOTSUPP), or {@link RunOutcome#PREEMPTED}
     */
    public RunOutcome run(long budget) {
        if (preempted) {
            preempted = false; // the thread was descheduled inside KVM_RUN: it goes on where it was
        } else {
            if (threaded) {
                owner = Thread.currentThread();
            }
            complete();
            position.enter();
            if (run.immediateExit() != 0) {
                return leave(RunOutcome.INTERRUPTED);
            }
        }
        GuestMemory mem = vm.memory();
        long left = budget;
        while (true) {
            if (position.signalled()) {
                run.exitReason = ExitReason.INTR;
                return leave(RunOutcome.INTERRUPTED);
            }
            if (sleeping()) {
                if (!threaded) {
                    preempted = true; // the thread sleeps; the scheduler wakes it (position stays IN_KVM_RUN)
                    return RunOutcome.PREEMPTED;
                }
                while (sleeping() && !position.signalled()) {
                    LockSupport.park(this);
                }
                continue;
            }
            inWfi = false;
            if (left <= 0) {
                preempted = true;
                return RunOutcome.PREEMPTED;
            }
            long before = hart.instret;
            int stop = Interpreter.run(hart, mem, Math.min(left, POLL_INSTRUCTIONS));
            if (!threaded) {
                left -= hart.instret - before;
            }
            switch (stop) {
                case Interpreter.BUDGET -> {
                }
                case Interpreter.MMIO -> {
                    if (mmioInKernel()) {
                        kernelExit();
                    } else {
                        return exitMmio();
                    }
                }
                case Interpreter.ECALL -> {
                    Sbi.Outcome o = Sbi.call(this, run);
                    switch (o) {
                        case HANDLED, STOPPED -> kernelExit();
                        case FORWARD -> {
                            completion = ExitReason.RISCV_SBI;
                            return exit(ExitReason.RISCV_SBI);
                        }
                        case SYSTEM_EVENT -> {
                            return exit(ExitReason.SYSTEM_EVENT);
                        }
                    }
                }
                case Interpreter.WFI -> {
                    kernelExit();
                    inWfi = !vm.plic().pendingFor(id);
                }
                case Interpreter.FETCH_FAULT -> {
                    return leave(RunOutcome.NOT_SUPPORTED);
                }
                default -> {
                    return internalError(stop);
                }
            }
        }
    }

    /** pthread_kill(SIGRTMIN) to this vCPU's thread: see the class comment. */
    public void signal() {
        if (position.kick()) {
            wake();
        }
    }

    /** Wakes the thread if it sleeps in KVM_RUN (an interrupt, a hart start, a signal). */
    public void wake() {
        if (threaded) {
            Thread t = owner;
            if (t != null) {
                LockSupport.unpark(t);
            }
        } else if (waker != null) {
            waker.wake(this);
        }
    }

    /** Time this vCPU's thread spent asleep in KVM_RUN (deterministic mode tells it). */
    public void addSleep(long ns) {
        hart.stallNs += ns;
    }

    /** True if the thread is inside KVM_RUN (or was descheduled there). */
    public boolean insideKvmRun() {
        return position.inside();
    }

    // ------------------------------------------------------------------ the pieces

    /** Finishes the instruction of the last exit with what the VMM put in kvm_run. */
    private void complete() {
        switch (completion) {
            case ExitReason.MMIO -> {
                if (!run.mmioIsWrite) {
                    hart.x[hart.mmioRd] = extend(run.mmioData, run.mmioLen, hart.mmioSigned);
                }
                hart.pc += 4;
            }
            case ExitReason.RISCV_SBI -> {
                hart.x[10] = run.sbiRet[0];
                hart.x[11] = run.sbiRet[1];
                hart.pc += 4;
            }
            default -> {
            }
        }
        completion = 0;
    }

    private static long extend(long v, int len, boolean signed) {
        return switch (len) {
            case 1 -> signed ? (byte) v : v & 0xFF;
            case 2 -> signed ? (short) v : v & 0xFFFF;
            case 4 -> signed ? (int) v : v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    /** An MMIO access KVM handles itself: the interrupt controller, or a write to an ioeventfd's address. */
    private boolean mmioInKernel() {
        long addr = hart.mmioAddr;
        if (Plic.contains(addr)) {
            if (hart.mmioWrite) {
                vm.plic().write(addr, hart.mmioData);
            } else {
                hart.x[hart.mmioRd] = extend(vm.plic().read(addr), hart.mmioLen, hart.mmioSigned);
            }
            hart.pc += 4;
            return true;
        }
        if (hart.mmioWrite) {
            EventFd fd = vm.ioEvent(addr, hart.mmioLen);
            if (fd != null) {
                fd.write(1);
                hart.pc += 4;
                return true;
            }
        }
        return false;
    }

    private RunOutcome exitMmio() {
        run.mmioPhysAddr = hart.mmioAddr;
        run.mmioLen = hart.mmioLen;
        run.mmioIsWrite = hart.mmioWrite;
        run.mmioData = hart.mmioWrite ? hart.mmioData : 0;
        completion = ExitReason.MMIO;
        return exit(ExitReason.MMIO);
    }

    private RunOutcome internalError(int stop) {
        run.internalSuberror = ExitReason.INTERNAL_ERROR_EMULATION;
        run.internalNdata = 2;
        run.internalData[0] = hart.pc;
        run.internalData[1] = stop == Interpreter.ILLEGAL ? hart.faultInsn & 0xFFFF_FFFFL
                : vm.memory().contains(hart.pc, 4) ? vm.memory().read(hart.pc, 4) : 0;
        lastStop = stop;
        return exit(ExitReason.INTERNAL_ERROR);
    }

    private int lastStop;

    /** Why the last internal error happened, in words ("illegal instruction 0x0000ffff at 0x80000010"). */
    public String internalErrorDetail() {
        String what = switch (lastStop) {
            case Interpreter.ILLEGAL -> "illegal instruction";
            case Interpreter.EBREAK -> "ebreak";
            case Interpreter.MISALIGNED -> "misaligned jump target or atomic";
            case Interpreter.ATOMIC_FAULT -> "atomic access outside RAM";
            default -> "stop " + lastStop;
        };
        return String.format("%s 0x%08x at pc 0x%x", what, run.internalData[1], run.internalData[0]);
    }

    private void kernelExit() {
        exits++;
        hart.stallNs += vm.timing().inKernelExitNs();
    }

    private RunOutcome exit(int reason) {
        run.exitReason = reason;
        userExits++;
        hart.stallNs += vm.timing().exitNs();
        return leave(RunOutcome.EXIT);
    }

    /** Leaves KVM_RUN; a signal that arrived meanwhile is consumed by its handler on the way back to userspace. */
    private RunOutcome leave(RunOutcome outcome) {
        position.leave();
        return outcome;
    }

    // ------------------------------------------------------------------ HSM

    /** SBI hart_start: a stopped hart starts at {@code pc} with a0 = its id and a1 = {@code opaque}. */
    boolean startHart(long pc, long opaque) {
        synchronized (this) {
            if (hsm != Sbi.HSM_STOPPED) {
                return false;
            }
            hart.pc = pc;
            hart.x[10] = id;
            hart.x[11] = opaque;
            hsm = Sbi.HSM_STARTED;
        }
        wake();
        return true;
    }

    /** KVM_MP_STATE_STOPPED: the hart sleeps until started. */
    void powerOff() {
        hsm = Sbi.HSM_STOPPED;
    }
}

package org.sysmodels.vcpu.model.vcpu;

import org.sysmodels.vcpu.model.devices.MmioBus;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.kvm.Errno;
import org.sysmodels.vcpu.model.kvm.ExitReason;
import org.sysmodels.vcpu.model.kvm.KvmRun;
import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.kvm.RunOutcome;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.os.Received;
import org.sysmodels.vcpu.model.vcpu.VcpuState.Exited;
import org.sysmodels.vcpu.model.vcpu.VcpuState.Finished;
import org.sysmodels.vcpu.model.vcpu.VcpuState.Paused;
import org.sysmodels.vcpu.model.vcpu.VcpuState.Running;

/**
 * A vCPU thread's side, as Firecracker's {@code src/vmm/src/vstate/vcpu.rs} (main, 81b38b9): the run loop is
 * {@code state = match state { Running => running(), Paused => paused(), Finished => break }}, one method per state
 * returning the next, each transition written as an arrow. The thread starts Paused. Running runs
 * {@link #runEmulation()} until KVM_RUN is interrupted, then looks for one event without blocking; Paused blocks on
 * the event channel. When the guest stops or an error ends emulation, {@link #exit} writes the VMM's exit eventfd
 * and the thread answers {@code Exited(code)} until the VMM sends {@code Finish}.
 *
 * <p>Exit handling ({@code handle_kvm_exit}): MMIO reads (zero-filled first) and writes go to the MMIO bus, and are
 * Handled even when no device claims the address (a warning); SYSTEM_EVENT SHUTDOWN or RESET stops the vCPU;
 * FAIL_ENTRY, INTERNAL_ERROR and other system events are errors; RISCV_SBI is this architecture's extra exit (the
 * console calls); anything else is unhandled. KVM_RUN failing with EINTR is Interrupted, EAGAIN Handled, any other
 * errno an error.
 */
public class Vcpu {

    protected final int index;
    protected final KvmVcpu kvmVcpu;
    private final Channel<VcpuEvent> events;
    private final Channel<VcpuResponse> responses;
    private final EventFd exitEvt;
    private final MmioBus bus;
    private final SbiConsole console;
    protected VcpuObserver observer = VcpuObserver.NONE;
    private HostSlice slice = HostSlice.UNLIMITED;
    private String lastWarning = "";

    public Vcpu(KvmVcpu kvmVcpu, Channel<VcpuEvent> events, Channel<VcpuResponse> responses, EventFd exitEvt,
                MmioBus bus, SbiConsole console) {
        this.index = kvmVcpu.id();
        this.kvmVcpu = kvmVcpu;
        this.events = events;
        this.responses = responses;
        this.exitEvt = exitEvt;
        this.bus = bus;
        this.console = console;
    }

    public int index() {
        return index;
    }

    public KvmVcpu kvmVcpu() {
        return kvmVcpu;
    }

    public void observer(VcpuObserver o) {
        observer = o;
    }

    /** The deterministic mode's time slice for the next turn. */
    public void slice(HostSlice s) {
        slice = s;
    }

    /** The last warning this vCPU logged (an MMIO access no device claimed, an odd resume). */
    public String lastWarning() {
        return lastWarning;
    }

    /** One turn of the run loop: the current state's method, which returns the next state. */
    public final VcpuState step(VcpuState state) {
        VcpuState next = switch (state) {
            case Running r -> running();
            case Paused p -> paused();
            case Exited e -> exited(e.code());
            case Finished f -> f;
        };
        if (!next.equals(state)) {
            observer.transition(index, state, next);
        }
        return next;
    }

    // ------------------------------------------------------------------ the states

    /** The main loop of the Running state. */
    protected VcpuState running() {
        // As in vcpu.rs, this loop only optimizes the emulation path: no point in ticking the state machine if there
        // are no external events.
        loop:
        while (true) {
            switch (runEmulation()) {
                case VcpuEmulation.Handled h -> {
                    if (slice.expired()) {
                        return VcpuState.RUNNING; // descheduled in the VMM's code; the loop goes on next turn
                    }
                }
                case VcpuEmulation.Interrupted i -> {
                    break loop;
                }
                case VcpuEmulation.Descheduled d -> {
                    return VcpuState.RUNNING; // descheduled inside KVM_RUN; KVM_RUN goes on next turn
                }
                // The guest requested a SHUTDOWN or RESET.
                case VcpuEmulation.Stopped s -> {
                    return exit(FcExitCode.OK);
                }
                // Emulation errors lead to vCPU exit.
                case VcpuEmulation.Failed f -> {
                    observer.emulationError(index, f.error());
                    return exit(FcExitCode.GENERIC_ERROR);
                }
            }
        }
        // Break this emulation loop on any transition request/external event.
        return switch (events.tryRecv()) {
            case Received.Message<VcpuEvent> m -> runningEvent(m.value());
            // Unhandled exit of the other end.
            case Received.Disconnected<VcpuEvent> d -> exit(FcExitCode.GENERIC_ERROR);
            // Lack of events has no effect on the current 'running' state.
            case Received.Empty<VcpuEvent> e -> VcpuState.RUNNING;
        };
    }

    /** An event that arrived while Running. */
    protected VcpuState runningEvent(VcpuEvent event) {
        observer.event(index, event, VcpuState.RUNNING);
        return switch (event) {
            // Running ---- Pause ----> Paused
            case VcpuEvent.Pause p -> {
                respond(VcpuResponse.PAUSED);
                yield VcpuState.PAUSED;
            }
            // Running ---- Resume ----> Running
            case VcpuEvent.Resume r -> {
                respond(VcpuResponse.RESUMED);
                yield VcpuState.RUNNING;
            }
            // Running ---- SaveState ----> Running (save/restore unavailable while running)
            case VcpuEvent.SaveState s -> {
                respond(new VcpuResponse.NotAllowed("save/restore unavailable while running"));
                yield VcpuState.RUNNING;
            }
            // Running ---- DumpCpuConfig ----> Running (unavailable while running)
            case VcpuEvent.DumpCpuConfig d -> {
                respond(new VcpuResponse.NotAllowed("cpu config dump is unavailable while running"));
                yield VcpuState.RUNNING;
            }
            // Running ---- Finish ----> Finished
            case VcpuEvent.Finish f -> VcpuState.FINISHED;
        };
    }

    /** The main loop of the Paused state. */
    protected VcpuState paused() {
        return switch (events.recv()) {
            case Received.Message<VcpuEvent> m -> pausedEvent(m.value());
            // Unhandled exit of the other end.
            case Received.Disconnected<VcpuEvent> d -> exit(FcExitCode.GENERIC_ERROR);
            // Deterministic mode only: nothing to receive yet; the thread sleeps until an event is sent.
            case Received.Empty<VcpuEvent> e -> VcpuState.PAUSED;
        };
    }

    /** An event that arrived while Paused. */
    protected VcpuState pausedEvent(VcpuEvent event) {
        observer.event(index, event, VcpuState.PAUSED);
        return switch (event) {
            // Paused ---- Resume ----> Running
            case VcpuEvent.Resume r -> {
                if (kvmVcpu.kvmRun().immediateExit() == 1) {
                    lastWarning = "Received a VcpuEvent::Resume message with immediate_exit enabled. "
                            + "immediate_exit was disabled before proceeding";
                    kvmVcpu.kvmRun().setImmediateExit(0);
                }
                respond(VcpuResponse.RESUMED);
                yield VcpuState.RUNNING;
            }
            // Paused ---- Pause ----> Paused
            case VcpuEvent.Pause p -> {
                respond(VcpuResponse.PAUSED);
                yield VcpuState.PAUSED;
            }
            // Paused ---- SaveState ----> Paused
            case VcpuEvent.SaveState s -> {
                respond(new VcpuResponse.SavedState(saveState()));
                yield VcpuState.PAUSED;
            }
            // Paused ---- DumpCpuConfig ----> Paused
            case VcpuEvent.DumpCpuConfig d -> {
                respond(new VcpuResponse.DumpedCpuConfig(CpuConfig.of(index)));
                yield VcpuState.PAUSED;
            }
            // Paused ---- Finish ----> Finished
            case VcpuEvent.Finish f -> VcpuState.FINISHED;
        };
    }

    /** The loop of Firecracker's {@code exit()}: from here only Finish moves on. */
    protected VcpuState exited(FcExitCode code) {
        return switch (events.recv()) {
            case Received.Message<VcpuEvent> m -> {
                observer.event(index, m.value(), new Exited(code));
                if (m.value() instanceof VcpuEvent.Finish) {
                    // Exited ---- Finish ----> Finished
                    yield VcpuState.FINISHED;
                }
                // Exited ---- anything else ----> Exited (answer Exited(code) again)
                respond(new VcpuResponse.Exited(code));
                yield new Exited(code);
            }
            case Received.Empty<VcpuEvent> e -> new Exited(code);
            // Firecracker would answer again and again; with no VMM left there is no one to answer.
            case Received.Disconnected<VcpuEvent> d -> VcpuState.FINISHED;
        };
    }

    /**
     * Transition to the exited state and finish on command: answer Exited(code), then signal the VMM. Firecracker
     * (vcpu.rs exit()) signals first; its VMM drains the answers without waiting as soon as the signal wakes it
     * (Vmm::process), so a VMM that wins that race records Ok for a vCPU that failed. On a busy host the wake-up
     * preempts the vCPU thread often enough that a crashing guest in threaded mode mostly ended "exit code 0 (Ok)";
     * answering first closes the window. Said in docs/vcpu.md.
     */
    protected VcpuState exit(FcExitCode code) {
        respond(new VcpuResponse.Exited(code));
        exitEvt.write(1);
        return new Exited(code);
    }

    protected final void respond(VcpuResponse r) {
        observer.response(index, r);
        responses.send(r);
    }

    // ------------------------------------------------------------------ emulation

    /** Runs the vCPU in KVM context and handles the exit (vcpu.rs {@code run_emulation}). */
    public VcpuEmulation runEmulation() {
        KvmRun run = kvmVcpu.kvmRun();
        if (run.immediateExit() == 1) {
            lastWarning = "Requested a vCPU run with immediate_exit enabled. The operation was skipped";
            run.setImmediateExit(0);
            return VcpuEmulation.INTERRUPTED;
        }
        long before = kvmVcpu.hart().nanos();
        RunOutcome outcome = kvmVcpu.run(slice.instructionsLeft());
        if (!(outcome instanceof RunOutcome.Preempted)) {
            observer.kvmRun(index, outcome, run, kvmVcpu.hart().nanos() - before);
        }
        return switch (outcome) {
            // The thread was descheduled inside KVM_RUN (deterministic mode): it has not come back yet.
            case RunOutcome.Preempted p -> VcpuEmulation.DESCHEDULED;
            case RunOutcome.Interrupted i -> {
                run.setImmediateExit(0);
                // Notify that this KVM_RUN was interrupted.
                yield VcpuEmulation.INTERRUPTED;
            }
            case RunOutcome.Exit e -> handleKvmExit(run);
            case RunOutcome.Failed f -> handleKvmError(f.errno());
        };
    }

    /** What a failed KVM_RUN means (vcpu.rs {@code handle_kvm_exit}, its {@code Err(e)} arm). */
    protected VcpuEmulation handleKvmError(int errno) {
        if (errno == Errno.EAGAIN) {
            return VcpuEmulation.HANDLED;
        }
        if (errno == Errno.ENOSYS) {
            return new VcpuEmulation.Failed(new VcpuError.FaultyKvmExit(
                    "Received ENOSYS error because KVM failed to emulate an instruction."));
        }
        return new VcpuEmulation.Failed(new VcpuError.FaultyKvmExit(Errno.describe(errno)));
    }

    /** What an exit means (vcpu.rs {@code handle_kvm_exit}, its {@code Ok(run)} arm). */
    protected VcpuEmulation handleKvmExit(KvmRun run) {
        return switch (run.exitReason) {
            case ExitReason.MMIO -> {
                if (run.mmioIsWrite) {
                    MmioBus.Range r = bus.find(run.mmioPhysAddr, run.mmioLen);
                    if (r == null) {
                        unclaimed(run);
                    } else {
                        MmioBus.write(r, run.mmioPhysAddr, run.mmioLen, run.mmioData);
                    }
                } else {
                    run.mmioData = 0;
                    MmioBus.Range r = bus.find(run.mmioPhysAddr, run.mmioLen);
                    if (r == null) {
                        unclaimed(run);
                    } else {
                        run.mmioData = MmioBus.read(r, run.mmioPhysAddr, run.mmioLen);
                    }
                }
                yield VcpuEmulation.HANDLED;
            }
            case ExitReason.FAIL_ENTRY -> new VcpuEmulation.Failed(new VcpuError.FaultyKvmExit(String.format(
                    "FailEntry(%d, %d)", run.failEntryReason, run.failEntryCpu)));
            case ExitReason.INTERNAL_ERROR -> new VcpuEmulation.Failed(new VcpuError.FaultyKvmExit(
                    "InternalError (" + kvmVcpu.internalErrorDetail() + ")"));
            case ExitReason.SYSTEM_EVENT -> switch (run.systemEventType) {
                case ExitReason.SYSTEM_EVENT_RESET, ExitReason.SYSTEM_EVENT_SHUTDOWN -> VcpuEmulation.STOPPED;
                default -> new VcpuEmulation.Failed(new VcpuError.FaultyKvmExit(
                        "SystemEvent(" + run.systemEventType + ", [" + run.systemEventData0 + "])"));
            };
            case ExitReason.RISCV_SBI -> sbi(run);
            default -> new VcpuEmulation.Failed(new VcpuError.UnhandledKvmExit(ExitReason.name(run.exitReason)));
        };
    }

    private void unclaimed(KvmRun run) {
        lastWarning = String.format("Invalid MMIO %s @ 0x%x:0x%x: no device", run.mmioIsWrite ? "write" : "read",
                run.mmioPhysAddr, run.mmioLen);
        observer.unclaimedMmio(index, run.mmioPhysAddr, run.mmioLen, run.mmioIsWrite);
    }

    /** The architecture's own exit: the SBI console calls KVM forwards (kvmtool's handling). */
    private VcpuEmulation sbi(KvmRun run) {
        long eid = run.sbiExtensionId;
        run.sbiRet[0] = 0;
        run.sbiRet[1] = 0;
        if (eid == 0x01) {
            console.putchar((int) run.sbiArgs[0] & 0xFF);
        } else if (eid == 0x02) {
            run.sbiRet[0] = console.getchar();
        } else if (eid == 0x4442434EL) {
            switch ((int) run.sbiFunctionId) {
                case 0 -> { // console_write(num_bytes, base_lo, base_hi)
                    long n = run.sbiArgs[0];
                    long base = run.sbiArgs[1];
                    GuestMemory mem = kvmVcpu.vm().memory();
                    if (!mem.contains(base, n)) {
                        run.sbiRet[0] = -3;
                    } else {
                        for (long k = 0; k < n; k++) {
                            console.putchar((int) mem.read(base + k, 1));
                        }
                        run.sbiRet[1] = n;
                    }
                }
                case 2 -> console.putchar((int) run.sbiArgs[0] & 0xFF); // console_write_byte
                default -> run.sbiRet[0] = -2;
            }
        } else {
            return new VcpuEmulation.Failed(new VcpuError.UnhandledKvmExit("RiscvSbi(" + Long.toHexString(eid)
                    + ")"));
        }
        return VcpuEmulation.HANDLED;
    }

    /**
     * KvmVcpu::save_state: the registers and the HSM state. Before reading them the pending part of the last exit is
     * completed (KVM_RUN with immediate_exit set, which completes the MMIO or SBI call and returns EINTR at once), as
     * the KVM API documentation asks of a VMM that saves state (Documentation/virt/kvm/api.rst, KVM_EXIT_MMIO).
     */
    protected VcpuSavedState saveState() {
        KvmRun run = kvmVcpu.kvmRun();
        run.setImmediateExit(1);
        kvmVcpu.run(0);
        run.setImmediateExit(0);
        Hart h = kvmVcpu.hart();
        return new VcpuSavedState(index, h.registers(), h.pc, h.instret, h.stallNs,
                kvmVcpu.hsmStatus() == 0, kvmVcpu.waitingForInterrupt(), h.reservation, h.reservedValue);
    }
}

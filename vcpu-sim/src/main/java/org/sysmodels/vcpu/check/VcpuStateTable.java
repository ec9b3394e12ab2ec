package org.sysmodels.vcpu.check;

import java.util.HashMap;
import java.util.Map;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.model.vcpu.VcpuState;

/**
 * Every event a vCPU thread takes gets exactly the response and the next state of Firecracker's table (vcpu.rs:
 * {@code paused()}, {@code running()}, {@code exit()}): e.g. SaveState while Running is NotAllowed("save/restore
 * unavailable while running") and the vCPU stays Running; Finish gets no answer and ends the thread.
 */
public final class VcpuStateTable implements VcpuCheck {

    public static final Rule RULE = new Rule("vcpu-state-table", "a vCPU answers each event as the state table "
            + "says: Paused and Running accept Pause, Resume and Finish; SaveState and DumpCpuConfig only while Paused "
            + "(NotAllowed while running); after exit(code) every event but Finish gets Exited(code)",
            "Firecracker src/vmm/src/vstate/vcpu.rs, paused() l. 321-379, running() l. 271-311, exit() l. 386-401");

    /** What the table says an event leads to. */
    public record Expected(VcpuEvent event, VcpuState in, String response, VcpuState next) {
    }

    private final Findings findings;
    private final Map<Integer, Expected> pending = new HashMap<>();
    private final java.util.function.LongSupplier clock;

    public VcpuStateTable(Findings findings, java.util.function.LongSupplier clock) {
        this.findings = findings;
        this.clock = clock;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    /** Firecracker's table: the response (as vcpu.rs prints it, or null for none) and the next state. */
    public static Expected expect(VcpuEvent e, VcpuState in) {
        return switch (in) {
            case VcpuState.Paused p -> switch (e) {
                case VcpuEvent.Resume r -> new Expected(e, in, "VcpuResponse::Resumed", VcpuState.RUNNING);
                case VcpuEvent.Pause x -> new Expected(e, in, "VcpuResponse::Paused", VcpuState.PAUSED);
                case VcpuEvent.SaveState s -> new Expected(e, in, "VcpuResponse::SavedState", VcpuState.PAUSED);
                case VcpuEvent.DumpCpuConfig d -> new Expected(e, in, "VcpuResponse::DumpedCpuConfig",
                        VcpuState.PAUSED);
                case VcpuEvent.Finish f -> new Expected(e, in, null, VcpuState.FINISHED);
            };
            case VcpuState.Running r -> switch (e) {
                case VcpuEvent.Pause x -> new Expected(e, in, "VcpuResponse::Paused", VcpuState.PAUSED);
                case VcpuEvent.Resume x -> new Expected(e, in, "VcpuResponse::Resumed", VcpuState.RUNNING);
                case VcpuEvent.SaveState s -> new Expected(e, in,
                        "VcpuResponse::NotAllowed(save/restore unavailable while running)", VcpuState.RUNNING);
                case VcpuEvent.DumpCpuConfig d -> new Expected(e, in,
                        "VcpuResponse::NotAllowed(cpu config dump is unavailable while running)", VcpuState.RUNNING);
                case VcpuEvent.Finish f -> new Expected(e, in, null, VcpuState.FINISHED);
            };
            case VcpuState.Exited x -> e instanceof VcpuEvent.Finish
                    ? new Expected(e, in, null, VcpuState.FINISHED)
                    : new Expected(e, in, "VcpuResponse::Exited(" + x.code().rustName() + ")", in);
            case VcpuState.Finished f -> new Expected(e, in, null, in);
        };
    }

    @Override
    public synchronized void event(int vcpu, VcpuEvent event, VcpuState state) {
        Expected before = pending.remove(vcpu);
        if (before != null && before.response() != null) {
            miss(vcpu, before, "no response (the next event came first)");
        }
        pending.put(vcpu, expect(event, state));
    }

    @Override
    public synchronized void response(int vcpu, VcpuResponse response) {
        Expected e = pending.get(vcpu);
        if (e == null) {
            return; // an unprompted response: Exited(code) from exit(), which the table allows
        }
        String got = VcpuResponse.describe(response);
        String want = e.response();
        if (want == null) {
            miss(vcpu, e, "answered " + got + " where the table has no response");
        } else if (!(want.equals(got) || (want.endsWith("::SavedState") && got.endsWith("::SavedState"))
                || (want.endsWith("::DumpedCpuConfig") && got.endsWith("::DumpedCpuConfig"))
                || (want.equals("VcpuResponse::SavedState") && got.startsWith("VcpuResponse::Error")))) {
            miss(vcpu, e, "answered " + got + ", the table says " + want);
        }
        if (e.next().equals(e.in())) {
            pending.remove(vcpu); // no transition follows
        } else {
            pending.put(vcpu, new Expected(e.event(), e.in(), null, e.next()));
        }
    }

    @Override
    public synchronized void transition(int vcpu, VcpuState from, VcpuState to) {
        Expected e = pending.remove(vcpu);
        if (e == null) {
            return; // a transition of the run loop itself: Running → Exited on a guest stop
        }
        if (!e.next().equals(to)) {
            miss(vcpu, e, "moved to " + VcpuState.describe(to) + ", the table says " + VcpuState.describe(e.next()));
        } else if (e.response() != null) {
            miss(vcpu, e, "moved on without the response " + e.response());
        }
    }

    private void miss(int vcpu, Expected e, String what) {
        findings.violation(RULE, "vCPU " + vcpu + " in " + VcpuState.describe(e.in()) + " took "
                + VcpuEvent.describe(e.event()) + ": " + what, clock.getAsLong(), "vcpu " + vcpu);
    }
}

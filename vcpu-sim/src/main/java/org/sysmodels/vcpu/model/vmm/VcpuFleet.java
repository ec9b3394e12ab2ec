package org.sysmodels.vcpu.model.vmm;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.vcpu.model.devices.MmioBus;
import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.kvm.KvmVm;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.os.Received;
import org.sysmodels.vcpu.model.os.VcpuThread;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.platform.Platform;
import org.sysmodels.vcpu.model.vcpu.SbiConsole;
import org.sysmodels.vcpu.model.vcpu.Vcpu;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.model.vcpu.VcpuSavedState;
import org.sysmodels.vcpu.model.vcpu.VcpuState;

/**
 * The microVM's vCPUs as the VMM drives them ({@code vstate/vm.rs}): one thread each, started Paused
 * ({@code start_vcpus}), and the VMM's conversations with them: an event sent to every vCPU, then each answer awaited
 * in turn within RECV_TIMEOUT_SEC ({@code pause_vcpus}, {@code resume_vcpus}, {@code save_vcpu_states}).
 */
final class VcpuFleet {

    private final List<Vcpu> vcpus = new ArrayList<>();
    private final List<VcpuHandle> handles = new ArrayList<>();
    private final List<VcpuState[]> states = new ArrayList<>();
    private final Clock clock;

    VcpuFleet(Clock clock) {
        this.clock = clock;
    }

    /** Creates the vCPUs and their threads; they start Paused (start_vcpus). */
    void start(KvmVm kvm, Platform platform, VmmParts factory, EventFd exitEvt, MmioBus bus, SbiConsole sbi,
               VcpuObserver vcpuObserver) {
        for (int i = 0; i < kvm.vcpuCount(); i++) {
            KvmVcpu k = kvm.vcpu(i);
            Channel<VcpuEvent> events = platform.channel("vcpu" + i + " events");
            Channel<VcpuResponse> responses = platform.channel("vcpu" + i + " responses");
            Vcpu v = factory.vcpu(k, events, responses, exitEvt, bus, sbi);
            v.observer(vcpuObserver);
            VcpuState[] st = {VcpuState.PAUSED};
            VcpuThread t = platform.spawnVcpu("fc_vcpu " + i, k, () -> {
                st[0] = v.step(st[0]);
                if (st[0] instanceof VcpuState.Finished) {
                    responses.disconnect(); // the thread owned the response sender
                    return VcpuThread.Turn.DONE;
                }
                if (st[0] instanceof VcpuState.Running) {
                    return k.sleeping() && k.insideKvmRun() ? VcpuThread.Turn.BLOCKED : VcpuThread.Turn.RUNNABLE;
                }
                return events.hasMessages() ? VcpuThread.Turn.RUNNABLE : VcpuThread.Turn.BLOCKED;
            });
            if (platform instanceof DeterministicPlatform dp) {
                v.slice(dp.sliceOf(t));
            }
            vcpus.add(v);
            states.add(st);
            handles.add(factory.handle(events, responses, k, t));
        }
    }

    /**
     * {@code event} to every vCPU, then each must answer with an {@code answer} within RECV_TIMEOUT_SEC; otherwise
     * the observer hears of a timeout (if there was no answer) and of the failure, and the VMM fails with
     * "Failed to message the vCPUs."
     */
    void broadcast(VcpuEvent event, Class<? extends VcpuResponse> answer, String what, VmmObserver observer)
            throws VmmError {
        for (VcpuHandle h : handles) {
            h.sendEvent(event);
        }
        for (int i = 0; i < handles.size(); i++) {
            Received<VcpuResponse> r = handles.get(i).responseReceiver().recvTimeout(Vmm.RECV_TIMEOUT_NS);
            if (!(r instanceof Received.Message<VcpuResponse> m && answer.isInstance(m.value()))) {
                if (r instanceof Received.Empty) {
                    observer.vcpuTimedOut(i, what, clock.nanoTime());
                }
                observer.vcpusAnswered(what, false, "Failed to message the vCPUs.", clock.nanoTime());
                throw VmmError.vcpuMessage();
            }
        }
    }

    /**
     * save_vcpu_states: SaveState to every vCPU, then every answer (each within RECV_TIMEOUT_SEC) is collected before
     * any is judged, so no stale answer stays behind in a channel.
     */
    List<VcpuSavedState> saveStates() throws VmmError {
        for (VcpuHandle h : handles) {
            h.sendEvent(VcpuEvent.SAVE_STATE);
        }
        List<VcpuResponse> answers = new ArrayList<>();
        for (VcpuHandle h : handles) {
            Received<VcpuResponse> r = h.responseReceiver().recvTimeout(Vmm.RECV_TIMEOUT_NS);
            if (!(r instanceof Received.Message<VcpuResponse> m)) {
                throw VmmError.unexpectedVcpuResponse();
            }
            answers.add(m.value());
        }
        List<VcpuSavedState> out = new ArrayList<>();
        for (VcpuResponse a : answers) {
            switch (a) {
                case VcpuResponse.SavedState s -> out.add(s.state());
                case VcpuResponse.Error e -> throw VmmError.saveVcpuState(e.error().message());
                case VcpuResponse.NotAllowed n -> throw VmmError.notAllowed(n.reason());
                default -> throw VmmError.unexpectedVcpuResponse();
            }
        }
        return out;
    }

    /** Each vCPU thread's run-loop state now (as its last turn left it). */
    List<VcpuState> runLoopStates() {
        List<VcpuState> out = new ArrayList<>();
        for (VcpuState[] s : states) {
            out.add(s[0]);
        }
        return out;
    }

    /** The handles, in vCPU order (the list itself: the caller copies it before handing it out). */
    List<VcpuHandle> handles() {
        return handles;
    }

    List<Vcpu> vcpus() {
        return vcpus;
    }
}

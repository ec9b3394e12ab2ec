package org.sysmodels.vcpu.model.vmm;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.vcpu.model.os.Received;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.model.vcpu.VcpuSavedState;

/**
 * The VMM's conversations with its vCPU threads ({@code vstate/vm.rs}): an event sent to every vCPU, then each
 * answer awaited in turn within RECV_TIMEOUT_SEC ({@code pause_vcpus}, {@code resume_vcpus},
 * {@code save_vcpu_states}), and teardown's Finish to every vCPU followed by waiting for each response channel to
 * close within VCPU_JOIN_TIMEOUT ({@code shutdown_vcpus}, {@code VcpuHandle::drop} in {@code vstate/vcpu.rs}).
 */
final class VcpuMessages {

    private VcpuMessages() {
    }

    /**
     * {@code event} to every vCPU, then each must answer with an {@code answer} within RECV_TIMEOUT_SEC; otherwise
     * the observer hears of a timeout (if there was no answer) and of the failure, and the VMM fails with
     * "Failed to message the vCPUs."
     */
    static void broadcast(Vmm vmm, VcpuEvent event, Class<? extends VcpuResponse> answer, String what)
            throws VmmError {
        for (VcpuHandle h : vmm.handles) {
            h.sendEvent(event);
        }
        for (int i = 0; i < vmm.handles.size(); i++) {
            Received<VcpuResponse> r = vmm.handles.get(i).responseReceiver().recvTimeout(Vmm.RECV_TIMEOUT_NS);
            if (!(r instanceof Received.Message<VcpuResponse> m && answer.isInstance(m.value()))) {
                if (r instanceof Received.Empty) {
                    vmm.observer.vcpuTimedOut(i, what, vmm.now());
                }
                vmm.observer.vcpusAnswered(what, false, "Failed to message the vCPUs.", vmm.now());
                throw VmmError.vcpuMessage();
            }
        }
    }

    /**
     * save_vcpu_states: SaveState to every vCPU, then every answer (each within RECV_TIMEOUT_SEC) is collected before
     * any is judged, so no stale answer stays behind in a channel.
     */
    static List<VcpuSavedState> saveStates(Vmm vmm) throws VmmError {
        for (VcpuHandle h : vmm.handles) {
            h.sendEvent(VcpuEvent.SAVE_STATE);
        }
        List<VcpuResponse> answers = new ArrayList<>();
        for (VcpuHandle h : vmm.handles) {
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

    /**
     * Finish to every vCPU, then wait for each thread's response channel to close (discarding stale answers) within
     * VCPU_JOIN_TIMEOUT, then join. @return the threads that did not end in time
     */
    static List<Integer> finishAll(Vmm vmm) {
        for (VcpuHandle h : vmm.handles) {
            h.sendEvent(VcpuEvent.FINISH);
        }
        vmm.observer.teardown("Finish sent to every vCPU", vmm.now());
        List<Integer> stuck = new ArrayList<>();
        for (int i = 0; i < vmm.handles.size(); i++) {
            VcpuHandle h = vmm.handles.get(i);
            boolean closed = false;
            long deadline = vmm.now() + Vmm.VCPU_JOIN_TIMEOUT_NS;
            while (true) {
                Received<VcpuResponse> r = h.responseReceiver().recvTimeout(Math.max(0, deadline - vmm.now()));
                if (r instanceof Received.Disconnected) {
                    closed = true;
                    break;
                }
                if (r instanceof Received.Empty) {
                    break;
                }
            }
            if (closed && h.thread().join(Vmm.VCPU_JOIN_TIMEOUT_NS)) {
                vmm.observer.teardown("vCPU " + i + " joined", vmm.now());
            } else {
                stuck.add(i);
                vmm.observer.teardown("Timed out waiting for vCPU thread 'fc_vcpu " + i + "' to exit", vmm.now());
            }
        }
        return stuck;
    }
}

package org.sysmodels.vcpu.model.vmm;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.vcpu.model.os.Clock;
import org.sysmodels.vcpu.model.os.Received;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;

/**
 * How the microVM ends, in Firecracker's order ({@code vmm/src/lib.rs} {@code Vmm::process}, {@code Vmm::stop},
 * {@code Drop for Vmm}; {@code shutdown_vcpus} and {@code VcpuHandle::drop} in {@code vstate/vcpu.rs}): the exit
 * code taken from the vCPUs' answers when their exit event fires (the first non-Ok Exited status wins), recorded
 * once; then Finish to every vCPU, each response channel awaited until it closes within VCPU_JOIN_TIMEOUT, and each
 * thread joined, once.
 */
final class Teardown {

    private final Clock clock;
    private volatile FcExitCode exitCode;
    private boolean done;

    Teardown(Clock clock) {
        this.clock = clock;
    }

    /**
     * The exit code the vCPUs' answers give (Vmm::process on the exit event): the first Exited with a status other
     * than Ok, in vCPU order, else Ok. Reads the answers waiting in each response channel up to that one.
     */
    static FcExitCode exitCodeOf(List<VcpuHandle> handles) {
        for (VcpuHandle h : handles) {
            Received<VcpuResponse> r;
            while ((r = h.responseReceiver().tryRecv()) instanceof Received.Message<VcpuResponse> m) {
                if (m.value() instanceof VcpuResponse.Exited e && e.code() != FcExitCode.OK) {
                    return e.code();
                }
            }
        }
        return FcExitCode.OK;
    }

    /** Records {@code code} unless one is recorded already (Vmm::stop). @return true if this call recorded it */
    boolean stop(FcExitCode code) {
        if (exitCode == null) {
            exitCode = code;
            return true;
        }
        return false;
    }

    /** The exit code once the VMM stopped, or null while it runs. */
    FcExitCode exitCode() {
        return exitCode;
    }

    /**
     * Drop for Vmm, once: Finish to every vCPU, then wait for each thread's response channel to close (discarding
     * stale answers) within VCPU_JOIN_TIMEOUT, then join. A second call does nothing.
     *
     * @return the threads that did not end in time (Firecracker panics)
     */
    List<Integer> shutdown(List<VcpuHandle> handles, VmmObserver observer) {
        if (done) {
            return List.of();
        }
        done = true;
        for (VcpuHandle h : handles) {
            h.sendEvent(VcpuEvent.FINISH);
        }
        observer.teardown("Finish sent to every vCPU", clock.nanoTime());
        List<Integer> stuck = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            VcpuHandle h = handles.get(i);
            boolean closed = false;
            long deadline = clock.nanoTime() + Vmm.VCPU_JOIN_TIMEOUT_NS;
            while (true) {
                Received<VcpuResponse> r = h.responseReceiver().recvTimeout(Math.max(0, deadline - clock.nanoTime()));
                if (r instanceof Received.Disconnected) {
                    closed = true;
                    break;
                }
                if (r instanceof Received.Empty) {
                    break;
                }
            }
            if (closed && h.thread().join(Vmm.VCPU_JOIN_TIMEOUT_NS)) {
                observer.teardown("vCPU " + i + " joined", clock.nanoTime());
            } else {
                stuck.add(i);
                observer.teardown("Timed out waiting for vCPU thread 'fc_vcpu " + i + "' to exit", clock.nanoTime());
            }
        }
        return stuck;
    }
}

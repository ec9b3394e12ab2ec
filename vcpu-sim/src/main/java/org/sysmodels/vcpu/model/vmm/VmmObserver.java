package org.sysmodels.vcpu.model.vmm;

import java.util.List;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuState;

/** What the VMM tells checks and traces (called on the VMM thread). Defaults do nothing. */
public interface VmmObserver {

    VmmObserver NONE = new VmmObserver() { };

    /** A pause or resume of all vCPUs began ({@code op} "pause", "resume") at {@code at}. */
    default void vcpusRequest(String op, long at) {
    }

    /** It ended: {@code ok}, or the error, at {@code at}. */
    default void vcpusAnswered(String op, boolean ok, String error, long at) {
    }

    /** A vCPU did not answer within RECV_TIMEOUT_SEC (the pause or resume failed). */
    default void vcpuTimedOut(int vcpu, String op, long at) {
    }

    /** A snapshot's state was captured; {@code vcpuStates} are the vCPUs' run-loop states at that moment. */
    default void snapshotCaptured(boolean full, List<VcpuState> vcpuStates, int blockRequestsInFlight, long at) {
    }

    /** The guest wrote the boot timer's magic value, {@code sinceStart} ns after the VMM started. */
    default void guestBooted(long sinceStart, long at) {
    }

    /** The VMM recorded its exit code (Vmm::stop). */
    default void stopped(FcExitCode code, long at) {
    }

    /** A teardown step: "finish sent", "vcpu N joined", "vcpu N join timed out". */
    default void teardown(String step, long at) {
    }
}

package org.sysmodels.vcpu.model.vmm;

import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.VcpuThread;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;

/**
 * The VMM's handle on a vCPU thread (Firecracker {@code VcpuHandle}): the event sender, the response receiver, the
 * vCPU fd (for the kick) and the thread. {@link #sendEvent} is Firecracker's {@code send_event}: send the event,
 * set {@code immediate_exit}, fence, signal the thread, in that order, so the thread finds the event whether the
 * signal catches it inside KVM_RUN (EINTR) or in its own code (it will not re-enter the guest: immediate_exit).
 */
public class VcpuHandle {

    private final Channel<VcpuEvent> events;
    private final Channel<VcpuResponse> responses;
    protected final KvmVcpu vcpuFd;
    private final VcpuThread thread;

    public VcpuHandle(Channel<VcpuEvent> events, Channel<VcpuResponse> responses, KvmVcpu vcpuFd,
                      VcpuThread thread) {
        this.events = events;
        this.responses = responses;
        this.vcpuFd = vcpuFd;
        this.thread = thread;
    }

    /** Sends {@code event} and kicks the vCPU so it picks the message up. */
    public final void sendEvent(VcpuEvent event) {
        events.send(event);
        kick();
    }

    /** set_kvm_immediate_exit(1); fence(Release); pthread_kill(SIGRTMIN). */
    protected void kick() {
        vcpuFd.kvmRun().setImmediateExit(1); // a volatile store: also the Release fence
        vcpuFd.signal();
    }

    public Channel<VcpuResponse> responseReceiver() {
        return responses;
    }

    public Channel<VcpuEvent> eventSender() {
        return events;
    }

    public KvmVcpu vcpuFd() {
        return vcpuFd;
    }

    public VcpuThread thread() {
        return thread;
    }
}

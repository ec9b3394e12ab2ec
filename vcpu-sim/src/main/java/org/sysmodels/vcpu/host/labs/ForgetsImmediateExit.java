package org.sysmodels.vcpu.host.labs;

import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.VcpuThread;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.model.vmm.VcpuHandle;
import org.sysmodels.vcpu.model.vmm.VmmParts;

/**
 * Bug lab: a VMM whose kick only signals the vCPU thread and forgets to set {@code immediate_exit} first. A signal
 * that finds the thread outside KVM_RUN (handling an exit in the VMM's own code) runs its handler and is gone; the
 * thread then re-enters the guest with nothing telling it to stop, and the pause waits for an answer that never
 * comes.
 */
public final class ForgetsImmediateExit extends VcpuHandle {

    public static final VmmParts PARTS = new VmmParts() {
        @Override
        public VcpuHandle handle(Channel<VcpuEvent> events, Channel<VcpuResponse> responses, KvmVcpu kvm,
                                 VcpuThread thread) {
            return new ForgetsImmediateExit(events, responses, kvm, thread);
        }

        @Override
        public String name() {
            return "forgets-immediate-exit";
        }
    };

    public ForgetsImmediateExit(Channel<VcpuEvent> events, Channel<VcpuResponse> responses, KvmVcpu vcpuFd,
                                VcpuThread thread) {
        super(events, responses, vcpuFd, thread);
    }

    @Override
    protected void kick() {
        vcpuFd.signal(); // the bug: no set_kvm_immediate_exit(1) before the signal
    }
}

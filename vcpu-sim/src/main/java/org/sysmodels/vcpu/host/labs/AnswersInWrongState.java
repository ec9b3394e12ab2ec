package org.sysmodels.vcpu.host.labs;

import org.sysmodels.vcpu.model.devices.MmioBus;
import org.sysmodels.vcpu.model.kvm.KvmVcpu;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.vcpu.SbiConsole;
import org.sysmodels.vcpu.model.vcpu.Vcpu;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.model.vcpu.VcpuState;
import org.sysmodels.vcpu.model.vmm.VmmParts;

/**
 * Bug lab: a vCPU that handles SaveState in the wrong state: while Running it saves its registers and answers
 * SavedState instead of NotAllowed. The VMM then takes a snapshot of a running microVM, whose memory keeps changing
 * while it is copied.
 */
public final class AnswersInWrongState extends Vcpu {

    public static final VmmParts PARTS = new VmmParts() {
        @Override
        public Vcpu vcpu(KvmVcpu kvm, Channel<VcpuEvent> events, Channel<VcpuResponse> responses, EventFd exitEvt,
                         MmioBus bus, SbiConsole console) {
            return new AnswersInWrongState(kvm, events, responses, exitEvt, bus, console);
        }

        @Override
        public String name() {
            return "saves-while-running";
        }
    };

    public AnswersInWrongState(KvmVcpu kvm, Channel<VcpuEvent> events, Channel<VcpuResponse> responses,
                               EventFd exitEvt, MmioBus bus, SbiConsole console) {
        super(kvm, events, responses, exitEvt, bus, console);
    }

    @Override
    protected VcpuState runningEvent(VcpuEvent event) {
        if (event instanceof VcpuEvent.SaveState) {
            observer.event(index, event, VcpuState.RUNNING);
            respond(new VcpuResponse.SavedState(saveState())); // the bug: the table says NotAllowed here
            return VcpuState.RUNNING;
        }
        return super.runningEvent(event);
    }
}

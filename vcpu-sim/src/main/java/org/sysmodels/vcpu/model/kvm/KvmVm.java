package org.sysmodels.vcpu.model.kvm;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.EventFd;

/**
 * The VM file descriptor's side of KVM: the guest memory (one memslot of RAM at 0x8000_0000), the in-kernel
 * interrupt controller ({@link Plic}), the ioeventfds (guest writes KVM turns into eventfd signals without an exit,
 * KVM_IOEVENTFD), and the vCPUs (KVM_CREATE_VCPU).
 */
public final class KvmVm {

    /** A KVM_IOEVENTFD registration: a guest write of {@code len} bytes at {@code address} signals {@code fd}. */
    public record IoEvent(long address, int len, EventFd fd) {
    }

    private final GuestMemory memory;
    private final Plic plic;
    private final Timing timing;
    private final KvmVcpu[] vcpus;
    private final List<IoEvent> ioEvents = new ArrayList<>();

    public KvmVm(GuestMemory memory, int vcpuCount, Timing timing) {
        this.memory = memory;
        this.timing = timing;
        this.plic = new Plic(vcpuCount);
        this.vcpus = new KvmVcpu[vcpuCount];
        for (int i = 0; i < vcpuCount; i++) {
            vcpus[i] = new KvmVcpu(this, i);
            final KvmVcpu v = vcpus[i];
            plic.onWake(i, v::wake);
        }
    }

    public GuestMemory memory() {
        return memory;
    }

    public Plic plic() {
        return plic;
    }

    public Timing timing() {
        return timing;
    }

    public int vcpuCount() {
        return vcpus.length;
    }

    public KvmVcpu vcpu(int id) {
        return vcpus[id];
    }

    /** KVM_IOEVENTFD: from now on a guest write at {@code address} signals {@code fd} instead of exiting. */
    public synchronized void registerIoEvent(long address, int len, EventFd fd) {
        ioEvents.add(new IoEvent(address, len, fd));
    }

    /** The ioeventfd a guest write at {@code address} of {@code len} bytes signals, or null. */
    synchronized EventFd ioEvent(long address, int len) {
        for (IoEvent e : ioEvents) {
            if (e.address() == address && e.len() == len) {
                return e.fd();
            }
        }
        return null;
    }

    /** SBI system reset: KVM stops every vCPU (KVM_MP_STATE_STOPPED) before reporting the event. */
    void stopAllVcpus() {
        for (KvmVcpu v : vcpus) {
            v.powerOff();
        }
    }
}

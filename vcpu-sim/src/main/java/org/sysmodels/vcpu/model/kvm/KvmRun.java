package org.sysmodels.vcpu.model.kvm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@code struct kvm_run} a VMM maps from each vCPU fd (Linux {@code include/uapi/linux/kvm.h}): the one input
 * used here, {@code immediate_exit}, and the exit reason with the payload of each exit KVM_RUN can return. One
 * object per vCPU, reused for every exit, as the mmap'ed page is.
 *
 * <p>{@code immediate_exit} is written by the VMM thread and read by the vCPU thread: its accesses are volatile
 * (sequentially consistent), because the kick relies on a Dekker-style pairing: the sender writes it then looks
 * whether the target is inside KVM_RUN; the vCPU says it is inside KVM_RUN then reads it; one of them must see the
 * other's write (see {@code KvmVcpu#signal}).
 */
public final class KvmRun {

    private static final VarHandle IMMEDIATE_EXIT;

    static {
        try {
            IMMEDIATE_EXIT = MethodHandles.lookup().findVarHandle(KvmRun.class, "immediateExit", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through IMMEDIATE_EXIT
    private int immediateExit;

    /** {@code exit_reason}: an {@link ExitReason} code. */
    public int exitReason;

    /** {@code mmio}: phys_addr, data[8] (little-endian in a long), len, is_write. */
    public long mmioPhysAddr;
    public long mmioData;
    public int mmioLen;
    public boolean mmioIsWrite;

    /** {@code system_event}: type (KVM_SYSTEM_EVENT_*), ndata, data[0] (here: the SBI reset reason). */
    public int systemEventType;
    public int systemEventNdata;
    public long systemEventData0;

    /** {@code riscv_sbi}: extension_id, function_id, args[6], ret[2] (the VMM fills ret). */
    public long sbiExtensionId;
    public long sbiFunctionId;
    public final long[] sbiArgs = new long[6];
    public final long[] sbiRet = new long[2];

    /** {@code internal}: suberror, ndata, data[] (here: the pc and the instruction bits). */
    public int internalSuberror;
    public int internalNdata;
    public final long[] internalData = new long[2];

    /** {@code fail_entry}: hardware_entry_failure_reason, cpu. */
    public long failEntryReason;
    public int failEntryCpu;

    /** Reads {@code immediate_exit} (volatile). */
    public int immediateExit() {
        return (int) IMMEDIATE_EXIT.getVolatile(this);
    }

    /** Writes {@code immediate_exit} (volatile: a full fence around the store). */
    public void setImmediateExit(int value) {
        IMMEDIATE_EXIT.setVolatile(this, value);
    }

    /** The MMIO data as the bytes the VMM's bus sees (little-endian, {@code mmioLen} of them). */
    public byte[] mmioBytes() {
        byte[] b = new byte[mmioLen];
        for (int k = 0; k < mmioLen; k++) {
            b[k] = (byte) (mmioData >>> (8 * k));
        }
        return b;
    }
}

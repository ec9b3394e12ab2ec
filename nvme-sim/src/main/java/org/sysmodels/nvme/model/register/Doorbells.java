package org.sysmodels.nvme.model.register;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The doorbell registers as shared memory between the host's thread and the device's (NVMe 1.4 §3.1.24–3.1.25).
 * Each doorbell sits on its own 64-byte line (whatever CAP.DSTRD says the BAR offsets are) so the host writing
 * one queue's tail does not invalidate the line the device polls for another.
 *
 * <p>Ordering, named as in JCTools: {@code so} = store-ordered (setRelease: every earlier store, such as the SQE
 * bytes, is visible before the new tail; StoreStore), {@code lv} = load with acquire (getAcquire: later loads,
 * such as the SQE bytes, see at least what was published before the tail; LoadLoad). Linux gets the same from
 * {@code writel()}, which orders prior memory writes before the MMIO write.
 */
public final class Doorbells {

    private static final VarHandle INT = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int PAD = 16;

    private final int[] values;

    public Doorbells(int count) {
        values = new int[(count + 2) * PAD];
    }

    public int count() {
        return values.length / PAD - 2;
    }

    /** Host side: publishes a doorbell value (release). */
    public void soValue(int index, int value) {
        INT.setRelease(values, (index + 1) * PAD, value);
    }

    /** Device side: reads a doorbell value (acquire). */
    public int lvValue(int index) {
        return (int) INT.getAcquire(values, (index + 1) * PAD);
    }

    /** Plain store, for reset (no other thread runs then). */
    public void spValue(int index, int value) {
        values[(index + 1) * PAD] = value;
    }
}

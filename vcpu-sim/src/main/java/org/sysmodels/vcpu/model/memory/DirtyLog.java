package org.sysmodels.vcpu.model.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The dirty-page log: one bit per 4 KiB page, set by a guest write as KVM's dirty log does (KVM_GET_DIRTY_LOG,
 * Documentation/virt/kvm/api.rst) and by a device's DMA write as Firecracker's own bitmap does
 * ({@code vstate/memory.rs}); a diff snapshot writes only the pages set here.
 *
 * <p>Memory ordering: a bit is set with an atomic OR and the log is taken with an atomic swap per word, so two harts
 * dirtying pages of one word never lose each other's bit.
 */
final class DirtyLog {

    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] bits;

    DirtyLog(int pageCount) {
        bits = new long[(pageCount + 63) >>> 6];
    }

    void mark(int i) {
        long bit = 1L << i;
        if ((bits[i >>> 6] & bit) == 0) {
            WORD.getAndBitwiseOr(bits, i >>> 6, bit);
        }
    }

    void clear() {
        Arrays.fill(bits, 0);
    }

    /** The log since the last call, cleared word by word. */
    long[] take() {
        long[] out = new long[bits.length];
        for (int w = 0; w < bits.length; w++) {
            out[w] = (long) WORD.getAndSet(bits, w, 0L);
        }
        return out;
    }
}

package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.Stop;

/**
 * Memory from ExAllocatePool2. Paged pool may be written out to disk, and a page fault can only be served at
 * APC_LEVEL or below: touching paged memory at DISPATCH_LEVEL or above is bug check DRIVER_IRQL_NOT_LESS_OR_EQUAL
 * (0xD1: the address, the IRQL, 0 read / 1 write, the code address). On a real machine it only crashes when the page
 * happens not to be resident; the simulator behaves like Driver Verifier's "Force IRQL checking", which pages pageable
 * memory out whenever the IRQL rises, so the bug shows every time.
 */
public final class PoolBlock {

    /** ExAllocatePool2 flags (wdm.h). */
    public static final long POOL_FLAG_NON_PAGED = 0x0000000000000040L;
    public static final long POOL_FLAG_PAGED = 0x0000000000000100L;

    private final Kernel kernel;
    private final boolean paged;
    private final byte[] bytes;
    private final long address;
    private final int tag;

    PoolBlock(Kernel kernel, boolean paged, int size, long address, int tag) {
        this.kernel = kernel;
        this.paged = paged;
        this.bytes = new byte[size];
        this.address = address;
        this.tag = tag;
    }

    /** ExAllocatePool2 (never fails here). */
    public static PoolBlock ExAllocatePool2(Kernel kernel, long flags, int size, int tag) {
        boolean paged = (flags & POOL_FLAG_PAGED) != 0;
        return new PoolBlock(kernel, paged, size, kernel.objectAddress(new Object()), tag);
    }

    public boolean paged() {
        return paged;
    }

    public int size() {
        return bytes.length;
    }

    public int tag() {
        return tag;
    }

    public byte read(int offset) {
        touch(offset, false);
        return bytes[offset];
    }

    public void write(int offset, byte value) {
        touch(offset, true);
        bytes[offset] = value;
    }

    private void touch(int offset, boolean write) {
        if (offset < 0 || offset >= bytes.length) {
            throw new IndexOutOfBoundsException("pool block of " + bytes.length + " bytes: offset " + offset);
        }
        if (paged && kernel.KeGetCurrentIrql() >= Irql.DISPATCH_LEVEL) {
            RoutineFrame f = kernel.frame();
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.DRIVER_IRQL_NOT_LESS_OR_EQUAL, address + offset,
                    kernel.KeGetCurrentIrql(), write ? 1 : 0, f == null ? 0 : kernel.routineAddress(f.routine)),
                    false);
        }
    }
}

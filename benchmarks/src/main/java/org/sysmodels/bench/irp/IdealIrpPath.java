package org.sysmodels.bench.irp;

/**
 * The floor of the synchronous read as Windows does it, written as plain Java with nothing of the simulator: the
 * steps of NtReadFile on a synchronous handle (ReactOS ntoskrnl/io/iomgr/iofunc.c IopPerformSynchronousRequest),
 * IoAllocateIrp from a lookaside list and IoInitializeIrp (irp.c: the packet and its locations zeroed), the next
 * location filled in, IopQueueIrpToThread, IofCallDriver, the filter's IoCopyCurrentIrpStackLocationToNext and
 * IoSetCompletionRoutine (wdm.h), the RAM disk completing, IofCompleteRequest's walk with one completion routine and
 * IopClearStackLocation, then the service copying IoStatus to the caller's IO_STATUS_BLOCK, IopUnQueueIrpFromThread
 * and IoFreeIrp back to the lookaside list. Stack locations have Windows' four Parameters words; no frames, no
 * simulated clock, no observers, no bug-check bookkeeping. {@code bench/instructions irp-ideal} counts its
 * instructions per IRP: what the simulator's path (bench/instructions irp) is compared with in docs/irp-speed.md.
 * A measuring stick: {@code bench/run}'s second peer of the verifier-off row ({@code IrpBench.idealWindowsSteps}).
 */
final class IdealIrpPath {

    static final int IRP_MJ_READ = 3;
    static final int SL_PENDING_RETURNED = 0x01;
    static final int SL_ERROR_RETURNED = 0x02;
    static final int SL_INVOKE_ON_CANCEL = 0x20;
    static final int SL_INVOKE_ON_SUCCESS = 0x40;
    static final int SL_INVOKE_ON_ERROR = 0x80;
    static final int STATUS_PENDING = 0x103;
    static final int STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016;
    static final int STATUS_INVALID_PARAMETER = 0xC000000D;

    /** IO_STACK_LOCATION with its four Parameters words. */
    static final class Loc {
        int major;
        int minor;
        int flags;
        int control;
        long p0;
        long p1;
        long p2;
        long p3;
        Dev device;
        Object file;
        Completion routine;
        Object context;
    }

    static final class Thread {
        Irp irpList;
    }

    static final class Iosb {
        int status;
        long information;
    }

    static final class Irp {
        final Loc[] stack;
        int stackCount;
        int current;
        int flags;
        int status;
        long information;
        boolean pendingReturned;
        boolean cancel;
        Object cancelRoutine;
        Object systemBuffer;
        Thread thread;
        Object file;
        Iosb userIosb;
        Object userEvent;
        Irp next;
        Irp prev;

        Irp(int size) {
            stack = new Loc[size];
            for (int i = 0; i < size; i++) {
                stack[i] = new Loc();
            }
        }
    }

    interface Dispatch {
        int dispatch(Dev device, Irp irp);
    }

    interface Completion {
        int complete(Dev device, Irp irp, Object context);
    }

    static final class Drv {
        final Dispatch[] majorFunction = new Dispatch[28];
    }

    static class Dev {
        final Drv driver = new Drv();
        Dev lower;
        int stackSize;
    }

    static final class FilterDev extends Dev implements Dispatch, Completion {
        long reads;
        long bytes;

        @Override
        public int dispatch(Dev device, Irp irp) {
            reads++;
            Loc cur = irp.stack[irp.current - 1];
            Loc next = irp.stack[irp.current - 2];
            next.major = cur.major;
            next.minor = cur.minor;
            next.flags = cur.flags;
            next.p0 = cur.p0;
            next.p1 = cur.p1;
            next.p2 = cur.p2;
            next.p3 = cur.p3;
            next.device = cur.device;
            next.file = cur.file;
            next.control = SL_INVOKE_ON_SUCCESS | SL_INVOKE_ON_ERROR | SL_INVOKE_ON_CANCEL;
            next.routine = this;
            next.context = null;
            return callDriver(lower, irp);
        }

        @Override
        public int complete(Dev device, Irp irp, Object context) {
            if (irp.pendingReturned) {
                irp.stack[irp.current - 1].control |= SL_PENDING_RETURNED;
            }
            if (irp.status >= 0) {
                bytes += irp.information;
            }
            return 0;
        }
    }

    static final class RamDiskDev extends Dev implements Dispatch {
        final long size = 1 << 16;
        int removeLock;

        @Override
        public int dispatch(Dev device, Irp irp) {
            Loc sp = irp.stack[irp.current - 1];
            int length = (int) sp.p0;
            long offset = sp.p2;
            if (offset < 0 || length < 0 || offset + length > size) {
                irp.status = STATUS_INVALID_PARAMETER;
                irp.information = 0;
                completeRequest(irp);
                return STATUS_INVALID_PARAMETER;
            }
            removeLock++;
            removeLock--;
            irp.status = 0;
            irp.information = length;
            completeRequest(irp);
            return 0;
        }
    }

    private Irp lookaside;
    private final Thread thread = new Thread();
    private final Iosb iosb = new Iosb();
    private final Object file = new Object();
    private final Dev top;
    long finished;

    IdealIrpPath() {
        Dev pdo = new Dev();
        pdo.stackSize = 1;
        RamDiskDev fdo = new RamDiskDev();
        fdo.lower = pdo;
        fdo.stackSize = 2;
        fdo.driver.majorFunction[IRP_MJ_READ] = fdo;
        FilterDev filter = new FilterDev();
        filter.lower = fdo;
        filter.stackSize = 3;
        filter.driver.majorFunction[IRP_MJ_READ] = filter;
        top = filter;
    }

    /** The top of the stack (for the test). */
    Dev top() {
        return top;
    }

    /** The lookaside list's first free packet (for the test). */
    Irp lookaside() {
        return lookaside;
    }

    /** NtReadFile on a synchronous handle, 512 bytes at 4096. */
    int read() {
        Dev device = top;
        Irp irp = lookaside;
        if (irp == null || irp.stack.length < device.stackSize) {
            irp = new Irp(8);
        } else {
            lookaside = irp.next;
        }
        int n = device.stackSize;
        for (int i = 0; i < n; i++) {
            Loc l = irp.stack[i];
            l.major = 0;
            l.minor = 0;
            l.flags = 0;
            l.control = 0;
            l.p0 = 0;
            l.p1 = 0;
            l.p2 = 0;
            l.p3 = 0;
            l.device = null;
            l.file = null;
            l.routine = null;
            l.context = null;
        }
        irp.stackCount = n;
        irp.current = n + 1;
        irp.status = 0;
        irp.information = 0;
        irp.pendingReturned = false;
        irp.cancel = false;
        irp.cancelRoutine = null;
        irp.systemBuffer = null;
        irp.userEvent = null;
        irp.thread = thread;
        irp.file = file;
        irp.userIosb = iosb;
        irp.flags = 0x4 | 0x800 | 0x100 | 0x10 | 0x40;
        Loc sp = irp.stack[n - 1];
        sp.major = IRP_MJ_READ;
        sp.file = file;
        sp.p0 = 512;
        sp.p2 = 4096;
        Irp head = thread.irpList;
        irp.next = head;
        irp.prev = null;
        if (head != null) {
            head.prev = irp;
        }
        thread.irpList = irp;
        int status = callDriver(device, irp);
        if (status != STATUS_PENDING) {
            iosb.status = irp.status;
            iosb.information = irp.information;
            Irp next = irp.next;
            Irp prev = irp.prev;
            if (prev == null) {
                thread.irpList = next;
            } else {
                prev.next = next;
            }
            if (next != null) {
                next.prev = prev;
            }
            irp.next = lookaside;
            lookaside = irp;
            finished++;
        }
        return status;
    }

    static int callDriver(Dev device, Irp irp) {
        int loc = --irp.current;
        if (loc <= 0) {
            throw new IllegalStateException("NO_MORE_IRP_STACK_LOCATIONS");
        }
        Loc sp = irp.stack[loc - 1];
        sp.device = device;
        return device.driver.majorFunction[sp.major].dispatch(device, irp);
    }

    static void completeRequest(Irp irp) {
        if (irp.current > irp.stackCount + 1) {
            throw new IllegalStateException("MULTIPLE_IRP_COMPLETE_REQUESTS");
        }
        Loc[] stack = irp.stack;
        int top = irp.stackCount + 1;
        for (int loc = irp.current + 1; loc <= top; loc++) {
            irp.current = loc;
            Loc sp = stack[loc - 2];
            irp.pendingReturned = (sp.control & SL_PENDING_RETURNED) != 0;
            boolean success = irp.status >= 0;
            int c = sp.control;
            if ((success && (c & SL_INVOKE_ON_SUCCESS) != 0) || (!success && (c & SL_INVOKE_ON_ERROR) != 0)
                    || (irp.cancel && (c & SL_INVOKE_ON_CANCEL) != 0)) {
                clear(sp);
                Dev above = loc == top ? null : stack[loc - 1].device;
                if (sp.routine.complete(above, irp, sp.context) == STATUS_MORE_PROCESSING_REQUIRED) {
                    return;
                }
            } else {
                if (loc < top && irp.pendingReturned) {
                    stack[loc - 1].control |= SL_PENDING_RETURNED;
                }
                clear(sp);
            }
        }
        irp.current = top + 1;
    }

    /** IopClearStackLocation: MinorFunction, Flags, Control (but SL_ERROR_RETURNED), three Parameters words. */
    private static void clear(Loc sp) {
        sp.minor = 0;
        sp.flags = 0;
        sp.control &= SL_ERROR_RETURNED;
        sp.p0 = 0;
        sp.p1 = 0;
        sp.p2 = 0;
        sp.file = null;
    }

    public static void main(String[] args) {
        int warm = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        IdealIrpPath p = new IdealIrpPath();
        for (int i = 0; i < warm; i++) {
            p.read();
        }
        for (int i = 0; i < n; i++) {
            p.read();
        }
        System.out.println("ideal: " + p.finished + " reads");
    }
}

package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.ke.KThread;

/**
 * The system-service side of the I/O manager (NtCreateFile, NtReadFile, NtWriteFile, NtDeviceIoControlFile, NtClose,
 * CancelIoEx): builds the IRP for the top of a device's stack, queues it to the issuing thread, calls the driver,
 * and for a synchronous handle that did not pend finishes the request itself (IRP_DEFER_IO_COMPLETION, as ReactOS
 * iofunc.c IopPerformSynchronousRequest does). Everything else finishes in the completion APC.
 */
public final class IoService {

    private final Kernel kernel;
    private final IoManager io;
    private final IrpLookaside lookaside;
    private final IoCompletion completion;
    private final long serviceCost;

    public IoService(Kernel kernel) {
        this.kernel = kernel;
        this.io = kernel.io();
        this.lookaside = io.lookaside();
        this.completion = io.completion();
        this.serviceCost = kernel.costs().service();
    }

    /** Whoever issues a request, told which IRP carries it before the IRP goes down. */
    @FunctionalInterface
    public interface Requester {
        void issued(Irp irp);
    }

    /** What one request asks for: the major and minor function and its parameters. */
    public static final class Request {
        public int major;
        public int minor;
        public int length;
        public long offset;
        public int ioControlCode;
        public int inputLength;
        public int outputLength;
        public byte[] buffer;

        public Request set(int major, int length, long offset) {
            this.major = major;
            this.minor = 0;
            this.length = length;
            this.offset = offset;
            this.ioControlCode = 0;
            this.inputLength = 0;
            this.outputLength = 0;
            return this;
        }
    }

    /**
     * Issues {@code r} on {@code file} to the stack whose top is {@code top}, in the current thread (which must be
     * {@code thread}, at PASSIVE_LEVEL). @return what IoCallDriver returned (STATUS_PENDING if the request continues)
     *
     * <p>Kept small for the JIT: at most FreqInlineSize (325) bytecodes, the request's description in a method of its
     * own, and C2 code under InlineSmallCode, so a caller's loop can inline it (docs/irp-speed.md, 2 December,
     * night). The thread and file are read back from the packet after it is filled, so the parameters are dead
     * there and the never-taken arms' deoptimization stubs carry fewer values.
     *
     * @param synchronous a synchronous handle: the service finishes a request that did not pend itself
     * @param requester   the caller's own tag for the request, given back when it finishes
     */
    public int issue(KThread thread, FileObject file, DeviceObject top, Request r, boolean synchronous,
                     IoStatusBlock iosb, Requester requester) {
        kernel.current.advance(serviceCost);
        Irp irp = lookaside.allocate(top.stackSize);
        irp.thread = thread;
        irp.originalFileObject = file;
        irp.userIosb = iosb;
        irp.requester = requester;
        irp.issuedAt = kernel.current.clock();
        if (synchronous) {
            irp.flags |= Irp.IRP_SYNCHRONOUS_API | Irp.IRP_DEFER_IO_COMPLETION;
        }
        describe(irp, irp.stack[irp.currentLocation - 2], r, irp.originalFileObject);
        irp.thread.queueIrp(irp);
        if (requester != null) {
            requester.issued(irp);
        }
        int status = kernel.observed ? callObserved(top, irp) : io.IoCallDriver(top, irp);
        if (status != NtStatus.STATUS_PENDING && synchronous && !irp.finished) {
            completion.finish(irp);
        }
        return status;
    }

    /**
     * The service's part of the request's description: the top location's function, file and parameters, the
     * packet's flags for the operation and its system buffer (ReactOS iofunc.c NtReadFile and its siblings).
     */
    private static void describe(Irp irp, IoStackLocation sp, Request r, FileObject file) {
        sp.MajorFunction = r.major;
        sp.MinorFunction = r.minor;
        sp.FileObject = file;
        switch (r.major) {
            case IrpMajor.IRP_MJ_READ -> {
                sp.Parameters.Read.Length = r.length;
                sp.Parameters.Read.ByteOffset = r.offset;
                irp.flags |= Irp.IRP_READ_OPERATION | Irp.IRP_BUFFERED_IO | Irp.IRP_INPUT_OPERATION;
                irp.AssociatedIrp.SystemBuffer = r.buffer;
            }
            case IrpMajor.IRP_MJ_WRITE -> {
                sp.Parameters.Write.Length = r.length;
                sp.Parameters.Write.ByteOffset = r.offset;
                irp.flags |= Irp.IRP_WRITE_OPERATION | Irp.IRP_BUFFERED_IO;
                irp.AssociatedIrp.SystemBuffer = r.buffer;
            }
            case IrpMajor.IRP_MJ_DEVICE_CONTROL, IrpMajor.IRP_MJ_INTERNAL_DEVICE_CONTROL -> {
                sp.Parameters.DeviceIoControl.IoControlCode = r.ioControlCode;
                sp.Parameters.DeviceIoControl.InputBufferLength = r.inputLength;
                sp.Parameters.DeviceIoControl.OutputBufferLength = r.outputLength;
                irp.AssociatedIrp.SystemBuffer = r.buffer;
            }
            case IrpMajor.IRP_MJ_CREATE -> irp.flags |= Irp.IRP_CREATE_OPERATION | Irp.IRP_SYNCHRONOUS_API;
            case IrpMajor.IRP_MJ_CLOSE -> irp.flags |= Irp.IRP_CLOSE_OPERATION | Irp.IRP_SYNCHRONOUS_API;
            default -> {
            }
        }
    }

    /**
     * IoCallDriver to the top of the stack on an observed machine: the same steps as {@link IoManager#IoCallDriver}'s
     * observed path, at a call site of its own. The JIT inlines a dispatch routine by the types it has seen at the
     * call site; with one site for the service's call (which reaches the top driver) and every driver's call (which
     * reaches the one below), the site sees every driver of the stack, and each level's compiled code carries the
     * other levels' routines too, with their values kept live across calls that never happen. Here each site sees
     * one level: 1,358 → 1,304 instructions per IRP with the verifier on (bench/instructions irp-checked). The
     * unobserved path gained nothing from a site of its own (1,050 → 1,052) and uses IoCallDriver; calling
     * IoManager's unobserved path directly (one test of {@code observed} fewer) measured 1,014 against 903.
     */
    private int callObserved(DeviceObject device, Irp irp) {
        Kernel k = kernel;
        RoutineFrame caller = k.observedFrame();
        k.observer.onCallDriver(caller, device, irp);
        if (caller != null && caller.irp == irp) {
            caller.flags |= RoutineFrame.CALLED_DOWN;
        } else {
            caller = null;
        }
        int loc = --irp.currentLocation;
        if (loc <= 0) {
            io.noMoreStackLocations(irp);
        }
        irp.touched(loc);
        IoStackLocation sp = irp.stack[loc - 1];
        sp.deviceObject = device;
        DriverObject driver = device.DriverObject;
        DriverDispatch routine = driver.MajorFunction[sp.MajorFunction];
        if (routine == null) {
            routine = k.faults.callThroughNull(k, driver, sp.MajorFunction);
        }
        RoutineFrame f = k.currentFrames.enter(RoutineKind.DISPATCH, driver, device, irp, routine, k.dispatchCost,
                k.observed);
        k.observer.onRoutineEnter(f);
        int status = routine.dispatch(device, irp);
        if (k.isHalted()) {
            k.checkHalted();
        }
        k.observer.onRoutineExit(f, status);
        if (caller != null) {
            caller.lowerStatus = status;
        }
        k.currentFrames.exit(f);
        return status;
    }

    /** CancelIoEx for one request: IoCancelIrp on it if it has not finished. @return what IoCancelIrp returned */
    public boolean cancel(Irp irp) {
        if (!irp.inUse || irp.finished) {
            return false;
        }
        return io.cancel().IoCancelIrp(irp);
    }

    /** The I/O manager sends IRP_MJ_CLEANUP when the last handle to {@code file} closes. */
    public int cleanup(KThread thread, FileObject file, DeviceObject top, IoStatusBlock iosb, Requester requester) {
        file.markCleanedUp();
        Request r = new Request().set(IrpMajor.IRP_MJ_CLEANUP, 0, 0);
        return issue(thread, file, top, r, true, iosb, requester);
    }
}

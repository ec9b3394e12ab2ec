package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Processor;

/**
 * Cancellation with the system-wide cancel spin lock (ReactOS ntoskrnl/io/iomgr/irp.c IoCancelIrp, wdm.h
 * IoSetCancelRoutine). IoCancelIrp takes the lock, sets Irp.Cancel, swaps the cancel routine out, and calls it with
 * the lock still held: the routine releases the lock and completes the IRP. If there is no routine, the IRP is not
 * cancelable right now, and the call only leaves Cancel set for the driver to see later.
 */
public final class IoCancel {

    private final Kernel kernel;

    IoCancel(Kernel kernel) {
        this.kernel = kernel;
    }

    /** IoAcquireCancelSpinLock: @return the IRQL to give back to IoReleaseCancelSpinLock */
    public int IoAcquireCancelSpinLock() {
        return kernel.KeAcquireSpinLock(kernel.cancelLock());
    }

    public void IoReleaseCancelSpinLock(int irql) {
        kernel.KeReleaseSpinLock(kernel.cancelLock(), irql);
    }

    /** IoSetCancelRoutine: an interlocked exchange. @return the routine that was set (null if none) */
    public DriverCancel IoSetCancelRoutine(Irp irp, DriverCancel routine) {
        DriverCancel old = irp.cancelRoutine;
        irp.cancelRoutine = routine;
        if (routine != null && kernel.observed) {
            kernel.observer.onSetCancelRoutine(kernel.frame(), irp);
        }
        return old;
    }

    /**
     * IoCancelIrp. @return true if a cancel routine was called. A cancel routine still set on an IRP that has already
     * completed is bug check CANCEL_STATE_IN_COMPLETED_IRP (0x48: the IRP, the routine); a routine that returns still
     * holding the cancel spin lock is DRIVER_RETURNED_HOLDING_CANCEL_LOCK (0x11B: the IRP, the routine).
     */
    public boolean IoCancelIrp(Irp irp) {
        RoutineFrame caller = kernel.frame();
        int irql = IoAcquireCancelSpinLock();
        irp.cancel = true;
        irp.cancelRequested = true;
        DriverCancel routine = IoSetCancelRoutine(irp, null);
        if (routine == null) {
            IoReleaseCancelSpinLock(irql);
            kernel.observer().onCancelIrp(caller, irp, false);
            return false;
        }
        if (irp.currentLocation > irp.stackCount + 1) {
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.CANCEL_STATE_IN_COMPLETED_IRP, irp.address,
                    kernel.routineAddress(routine), 0, 0), false);
        }
        irp.cancelIrql = irql;
        DeviceObject device = irp.currentLocation <= irp.stackCount
                ? irp.stack[irp.currentLocation - 1].deviceObject : null;
        RoutineFrame f = kernel.currentFrames.enter(RoutineKind.CANCEL, device == null ? null : device.DriverObject,
                device, irp, routine, kernel.costs().cancel(), kernel.observed);
        kernel.observer().onRoutineEnter(f);
        routine.cancel(device, irp);
        kernel.checkHalted();
        Processor p = kernel.current();
        if (p.cancelLockHeld()) {
            kernel.stop(new Stop.BugCheck(Stop.BugCheck.DRIVER_RETURNED_HOLDING_CANCEL_LOCK, irp.address,
                    kernel.routineAddress(routine), 0, 0), false);
        }
        kernel.observer().onRoutineExit(f, 0);
        kernel.currentFrames.exit(f);
        kernel.observer().onCancelIrp(caller, irp, true);
        return true;
    }

    /** IoCancelThreadIo: cancels every IRP on the thread's list (a thread that exits). @return how many */
    public int IoCancelThreadIo(KThread thread) {
        Irp[] irps = new Irp[thread.irpCount()];
        for (int i = 0; i < irps.length; i++) {
            irps[i] = (Irp) thread.irp(i);
        }
        int n = 0;
        for (Irp irp : irps) {
            if (irp.inUse && irp.thread == thread && !irp.finished) {
                IoCancelIrp(irp);
                n++;
            }
        }
        return n;
    }
}

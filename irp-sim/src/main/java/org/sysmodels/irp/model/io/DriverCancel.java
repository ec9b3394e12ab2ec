package org.sysmodels.irp.model.io;

/**
 * DRIVER_CANCEL: called by IoCancelIrp at DISPATCH_LEVEL with the cancel spin lock held; it must release the lock
 * (IoReleaseCancelSpinLock(Irp.CancelIrql())) and complete the IRP with STATUS_CANCELLED.
 */
@FunctionalInterface
public interface DriverCancel {
    void cancel(DeviceObject DeviceObject, Irp Irp);
}

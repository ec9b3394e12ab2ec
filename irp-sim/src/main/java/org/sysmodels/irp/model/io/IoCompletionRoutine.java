package org.sysmodels.irp.model.io;

/**
 * IO_COMPLETION_ROUTINE: run by IoCompleteRequest as it walks the IRP's stack upward. Returning
 * STATUS_MORE_PROCESSING_REQUIRED stops the walk and gives the IRP back to this driver; anything else
 * (STATUS_CONTINUE_COMPLETION) lets the walk go on.
 */
@FunctionalInterface
public interface IoCompletionRoutine {
    int complete(DeviceObject DeviceObject, Irp Irp, Object Context);
}

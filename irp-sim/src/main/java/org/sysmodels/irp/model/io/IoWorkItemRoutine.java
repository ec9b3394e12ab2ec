package org.sysmodels.irp.model.io;

/** IO_WORKITEM_ROUTINE: runs at PASSIVE_LEVEL in a system worker thread. */
@FunctionalInterface
public interface IoWorkItemRoutine {
    void run(DeviceObject DeviceObject, Object Context);
}

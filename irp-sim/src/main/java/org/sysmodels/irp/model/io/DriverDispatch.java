package org.sysmodels.irp.model.io;

/** DRIVER_DISPATCH: a driver's routine for one major function. @return the NTSTATUS IoCallDriver returns */
@FunctionalInterface
public interface DriverDispatch {
    int dispatch(DeviceObject DeviceObject, Irp Irp);
}

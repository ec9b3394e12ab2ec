package org.sysmodels.irp.wdm;

import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Ioctl;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.IrpMinor;
import org.sysmodels.irp.model.io.PoolBlock;
import org.sysmodels.irp.model.ke.KEvent;

/**
 * The wdm.h and ntstatus.h constants a driver uses, with their real values, so a driver class that extends
 * {@link WdmDriver} writes them unqualified, as C code does: {@code STATUS_SUCCESS}, {@code IRP_MJ_READ},
 * {@code DISPATCH_LEVEL}.
 */
public interface WdmConstants {

    int STATUS_SUCCESS = NtStatus.STATUS_SUCCESS;
    int STATUS_CONTINUE_COMPLETION = NtStatus.STATUS_CONTINUE_COMPLETION;
    int STATUS_PENDING = NtStatus.STATUS_PENDING;
    int STATUS_TIMEOUT = NtStatus.STATUS_TIMEOUT;
    int STATUS_UNSUCCESSFUL = NtStatus.STATUS_UNSUCCESSFUL;
    int STATUS_NOT_IMPLEMENTED = NtStatus.STATUS_NOT_IMPLEMENTED;
    int STATUS_INVALID_PARAMETER = NtStatus.STATUS_INVALID_PARAMETER;
    int STATUS_INVALID_DEVICE_REQUEST = NtStatus.STATUS_INVALID_DEVICE_REQUEST;
    int STATUS_NO_SUCH_DEVICE = NtStatus.STATUS_NO_SUCH_DEVICE;
    int STATUS_END_OF_FILE = NtStatus.STATUS_END_OF_FILE;
    int STATUS_MORE_PROCESSING_REQUIRED = NtStatus.STATUS_MORE_PROCESSING_REQUIRED;
    int STATUS_BUFFER_TOO_SMALL = NtStatus.STATUS_BUFFER_TOO_SMALL;
    int STATUS_DELETE_PENDING = NtStatus.STATUS_DELETE_PENDING;
    int STATUS_INSUFFICIENT_RESOURCES = NtStatus.STATUS_INSUFFICIENT_RESOURCES;
    int STATUS_DEVICE_NOT_READY = NtStatus.STATUS_DEVICE_NOT_READY;
    int STATUS_NOT_SUPPORTED = NtStatus.STATUS_NOT_SUPPORTED;
    int STATUS_CANCELLED = NtStatus.STATUS_CANCELLED;
    int STATUS_INVALID_DEVICE_STATE = NtStatus.STATUS_INVALID_DEVICE_STATE;
    int STATUS_DEVICE_REMOVED = NtStatus.STATUS_DEVICE_REMOVED;

    int IRP_MJ_CREATE = IrpMajor.IRP_MJ_CREATE;
    int IRP_MJ_CLOSE = IrpMajor.IRP_MJ_CLOSE;
    int IRP_MJ_READ = IrpMajor.IRP_MJ_READ;
    int IRP_MJ_WRITE = IrpMajor.IRP_MJ_WRITE;
    int IRP_MJ_FLUSH_BUFFERS = IrpMajor.IRP_MJ_FLUSH_BUFFERS;
    int IRP_MJ_DEVICE_CONTROL = IrpMajor.IRP_MJ_DEVICE_CONTROL;
    int IRP_MJ_INTERNAL_DEVICE_CONTROL = IrpMajor.IRP_MJ_INTERNAL_DEVICE_CONTROL;
    int IRP_MJ_SHUTDOWN = IrpMajor.IRP_MJ_SHUTDOWN;
    int IRP_MJ_CLEANUP = IrpMajor.IRP_MJ_CLEANUP;
    int IRP_MJ_POWER = IrpMajor.IRP_MJ_POWER;
    int IRP_MJ_SYSTEM_CONTROL = IrpMajor.IRP_MJ_SYSTEM_CONTROL;
    int IRP_MJ_PNP = IrpMajor.IRP_MJ_PNP;
    int IRP_MJ_MAXIMUM_FUNCTION = IrpMajor.IRP_MJ_MAXIMUM_FUNCTION;

    int IRP_MN_START_DEVICE = IrpMinor.IRP_MN_START_DEVICE;
    int IRP_MN_QUERY_REMOVE_DEVICE = IrpMinor.IRP_MN_QUERY_REMOVE_DEVICE;
    int IRP_MN_REMOVE_DEVICE = IrpMinor.IRP_MN_REMOVE_DEVICE;
    int IRP_MN_STOP_DEVICE = IrpMinor.IRP_MN_STOP_DEVICE;
    int IRP_MN_SURPRISE_REMOVAL = IrpMinor.IRP_MN_SURPRISE_REMOVAL;
    int IRP_MN_SET_POWER = IrpMinor.IRP_MN_SET_POWER;
    int IRP_MN_QUERY_POWER = IrpMinor.IRP_MN_QUERY_POWER;

    int PASSIVE_LEVEL = Irql.PASSIVE_LEVEL;
    int APC_LEVEL = Irql.APC_LEVEL;
    int DISPATCH_LEVEL = Irql.DISPATCH_LEVEL;
    int HIGH_LEVEL = Irql.HIGH_LEVEL;

    int SL_PENDING_RETURNED = IoStackLocation.SL_PENDING_RETURNED;
    int SL_INVOKE_ON_CANCEL = IoStackLocation.SL_INVOKE_ON_CANCEL;
    int SL_INVOKE_ON_SUCCESS = IoStackLocation.SL_INVOKE_ON_SUCCESS;
    int SL_INVOKE_ON_ERROR = IoStackLocation.SL_INVOKE_ON_ERROR;

    int DO_BUFFERED_IO = DeviceObject.DO_BUFFERED_IO;
    int DO_DIRECT_IO = DeviceObject.DO_DIRECT_IO;
    int DO_DEVICE_INITIALIZING = DeviceObject.DO_DEVICE_INITIALIZING;
    int DO_POWER_PAGABLE = DeviceObject.DO_POWER_PAGABLE;

    int FILE_DEVICE_DISK = Ioctl.FILE_DEVICE_DISK;
    int FILE_DEVICE_UNKNOWN = Ioctl.FILE_DEVICE_UNKNOWN;
    int METHOD_BUFFERED = Ioctl.METHOD_BUFFERED;
    int METHOD_IN_DIRECT = Ioctl.METHOD_IN_DIRECT;
    int METHOD_OUT_DIRECT = Ioctl.METHOD_OUT_DIRECT;
    int METHOD_NEITHER = Ioctl.METHOD_NEITHER;
    int FILE_ANY_ACCESS = Ioctl.FILE_ANY_ACCESS;
    int FILE_READ_ACCESS = Ioctl.FILE_READ_ACCESS;
    int FILE_WRITE_ACCESS = Ioctl.FILE_WRITE_ACCESS;

    /** IO_NO_INCREMENT: the priority boost most completions pass. */
    int IO_NO_INCREMENT = 0;
    int IO_DISK_INCREMENT = 1;

    long POOL_FLAG_NON_PAGED = PoolBlock.POOL_FLAG_NON_PAGED;
    long POOL_FLAG_PAGED = PoolBlock.POOL_FLAG_PAGED;

    KEvent.Type NotificationEvent = KEvent.Type.NotificationEvent;
    KEvent.Type SynchronizationEvent = KEvent.Type.SynchronizationEvent;
}

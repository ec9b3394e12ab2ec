package org.sysmodels.irp.host.drivers;

import org.sysmodels.irp.model.hal.SimulatedDevice;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * The bus driver at the bottom of every stack. The simulated devices are root-enumerated, and on Windows the PDO of a
 * root-enumerated device belongs to the PnP manager's own driver object, \Driver\PnpManager, which is the name this
 * driver loads under. It creates the physical device object (PDO) for each device it enumerates, and as the PDO's
 * driver it completes what reaches the bottom. For PnP it succeeds START and REMOVE and completes other minor
 * functions with the status the IRP arrived with (a bus driver must not change the status of a PnP IRP it does not
 * handle); power IRPs succeed; IRP_MJ_INTERNAL_DEVICE_CONTROL and IRP_MJ_DEVICE_CONTROL get
 * STATUS_INVALID_DEVICE_REQUEST unless it is the bus's own query; create and close succeed.
 */
public class RootBus extends WdmDriver {

    /** An IOCTL the bus answers for its children: the device's slot number on the bus. */
    public static final int IOCTL_BUS_QUERY_SLOT = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED,
            FILE_ANY_ACCESS);

    /** The PDO's extension: the hardware behind it (null for a device without any). */
    public static final class PdoExtension {
        public final SimulatedDevice hardware;
        public final int slot;

        PdoExtension(SimulatedDevice hardware, int slot) {
            this.hardware = hardware;
            this.slot = slot;
        }
    }

    private int children;

    @Override
    public int DriverEntry(DriverObject DriverObject, String RegistryPath) {
        for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
            DriverObject.MajorFunction[mj] = this::DispatchOther;
        }
        DriverObject.MajorFunction[IRP_MJ_CREATE] = this::DispatchSuccess;
        DriverObject.MajorFunction[IRP_MJ_CLOSE] = this::DispatchSuccess;
        DriverObject.MajorFunction[IRP_MJ_CLEANUP] = this::DispatchSuccess;
        DriverObject.MajorFunction[IRP_MJ_PNP] = this::DispatchPnp;
        DriverObject.MajorFunction[IRP_MJ_POWER] = this::DispatchSuccess;
        DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = this::DispatchIoctl;
        DriverObject.MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = this::DispatchIoctl;
        return STATUS_SUCCESS;
    }

    /** Enumerates a new child: its PDO, named {@code name}, with {@code hardware} (or null) behind it. */
    public DeviceObject createPdo(DriverObject bus, String name, SimulatedDevice hardware) {
        DeviceObject pdo = IoCreateDevice(bus, new PdoExtension(hardware, children++), name, FILE_DEVICE_DISK);
        pdo.Flags |= DO_BUFFERED_IO | DO_POWER_PAGABLE;
        pdo.Flags &= ~DO_DEVICE_INITIALIZING;
        return pdo;
    }

    private int complete(Irp irp, int status, long information) {
        irp.IoStatus.Status = status;
        irp.IoStatus.Information = information;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return status;
    }

    private int DispatchSuccess(DeviceObject pdo, Irp irp) {
        return complete(irp, STATUS_SUCCESS, 0);
    }

    private int DispatchOther(DeviceObject pdo, Irp irp) {
        return complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }

    private int DispatchPnp(DeviceObject pdo, Irp irp) {
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        return switch (sp.MinorFunction) {
            case IRP_MN_START_DEVICE, IRP_MN_REMOVE_DEVICE, IRP_MN_QUERY_REMOVE_DEVICE, IRP_MN_SURPRISE_REMOVAL,
                 IRP_MN_STOP_DEVICE -> complete(irp, STATUS_SUCCESS, 0);
            default -> {
                int status = irp.IoStatus.Status;
                IoCompleteRequest(irp, IO_NO_INCREMENT);
                yield status;
            }
        };
    }

    private int DispatchIoctl(DeviceObject pdo, Irp irp) {
        IoStackLocation sp = IoGetCurrentIrpStackLocation(irp);
        if (sp.Parameters.DeviceIoControl.IoControlCode == IOCTL_BUS_QUERY_SLOT) {
            return complete(irp, STATUS_SUCCESS, ((PdoExtension) pdo.DeviceExtension).slot);
        }
        return complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

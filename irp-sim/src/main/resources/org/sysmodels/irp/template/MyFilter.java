// An upper filter driver for `sim irp`: it sits above the RAM disk and watches reads complete.
//
//   sim irp --template filter > MyFilter.java            this file
//   sim irp --driver MyFilter.java                        run it in the demo stack, under every verifier rule
//   sim irp --driver MyFilter.java --position lower       ... as a lower filter instead
//   sim irp --driver MyFilter.java --scenario cancel-storm --trace t.json   under cancel races; open t.json in Perfetto
//   sim irp --grade MyFilter.java                         the grading battery
//
// It is written as the WDK writes filters: WDM functions are inherited methods with their WDM names, constants keep
// their names and values, and structure fields keep theirs (Irp.IoStatus.Status, stack.Parameters.Read.Length).
// This version is correct. Try a classic mistake and see which rule stops the machine:
//   - delete the IoMarkIrpPending line in ReadDone                 -> completion-routine-mark-pending
//   - return STATUS_SUCCESS from DispatchRead                      -> lower-driver-return
//   - call IoSkipCurrentIrpStackLocation instead of IoCopy...     -> completion-routine-after-skip
//   - complete the IRP in ReadDone (IoCompleteRequest)             -> multiple-irp-complete-requests (0x44)

import org.sysmodels.irp.model.io.*;
import org.sysmodels.irp.wdm.WdmDriver;

public class MyFilter extends WdmDriver {

    /** The device extension: the device below ours, and what we counted. */
    static final class Extension {
        DeviceObject lower;
        long reads;
        long bytes;
    }

    private final IoCompletionRoutine readDone = this::ReadDone;   // made once: a method reference per IRP allocates

    @Override
    public int DriverEntry(DriverObject DriverObject, String RegistryPath) {
        for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
            DriverObject.MajorFunction[mj] = this::PassThrough;   // everything goes down untouched...
        }
        DriverObject.MajorFunction[IRP_MJ_READ] = this::DispatchRead;   // ...except reads
        DriverObject.MajorFunction[IRP_MJ_PNP] = this::DispatchPnp;
        DriverObject.DriverExtension.AddDevice = this::AddDevice;
        return STATUS_SUCCESS;
    }

    int AddDevice(DriverObject driver, DeviceObject pdo) {
        DeviceObject filter = IoCreateDevice(driver, new Extension(), null, FILE_DEVICE_UNKNOWN);
        Extension ext = (Extension) filter.DeviceExtension;
        ext.lower = IoAttachDeviceToDeviceStack(filter, pdo);      // the old top of the stack: where IRPs go next
        if (ext.lower == null) {                                    // it is still initializing: nothing to attach to
            IoDeleteDevice(filter);
            return STATUS_NO_SUCH_DEVICE;
        }
        filter.Flags |= ext.lower.Flags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
        filter.Flags &= ~DO_DEVICE_INITIALIZING;
        return STATUS_SUCCESS;
    }

    static DeviceObject lower(DeviceObject device) {
        return ((Extension) device.DeviceExtension).lower;
    }

    int PassThrough(DeviceObject device, Irp irp) {
        IoSkipCurrentIrpStackLocation(irp);                         // the lower driver gets our location as it is
        return IoCallDriver(lower(device), irp);                     // and we return what it returned
    }

    int DispatchRead(DeviceObject device, Irp irp) {
        IoCopyCurrentIrpStackLocationToNext(irp);                   // a location for the lower driver...
        IoSetCompletionRoutine(irp, readDone, null, true, true, true);   // ...so ours can hold the routine
        return IoCallDriver(lower(device), irp);                     // STATUS_PENDING if the disk pended it
    }

    int ReadDone(DeviceObject device, Irp irp, Object context) {    // at <= DISPATCH_LEVEL, maybe in a DPC
        if (irp.PendingReturned()) {
            IoMarkIrpPending(irp);                                   // carry the lower driver's pending up
        }
        Extension ext = (Extension) device.DeviceExtension;
        ext.reads++;
        if (NT_SUCCESS(irp.IoStatus.Status)) {
            ext.bytes += irp.IoStatus.Information;
        }
        return STATUS_CONTINUE_COMPLETION;                          // let the walk go on up
    }

    int DispatchPnp(DeviceObject device, Irp irp) {
        int minor = IoGetCurrentIrpStackLocation(irp).MinorFunction;
        DeviceObject lower = lower(device);
        IoSkipCurrentIrpStackLocation(irp);
        int status = IoCallDriver(lower, irp);
        if (minor == IRP_MN_REMOVE_DEVICE) {                         // the device is gone: leave the stack
            IoDetachDevice(lower);
            IoDeleteDevice(device);
        }
        return status;
    }
}

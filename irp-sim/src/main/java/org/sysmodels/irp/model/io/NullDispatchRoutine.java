package org.sysmodels.irp.model.io;

/**
 * The CPU exception of IofCallDriver calling a dispatch table entry that a driver set to NULL: the processor fetches
 * its next instruction from address 0 (an access violation on execute, whose bug check parameters say 8, execute).
 * The I/O manager fills every entry with IopInvalidDeviceRequest before DriverEntry runs and sets any entry DriverEntry
 * left NULL back to it afterwards (ReactOS ntoskrnl/io/iomgr/driver.c IopInitializeDriverModule: "Windows does this
 * fixup"), so only a NULL written into the table later (in AddDevice, in a dispatch routine) lands here.
 */
public final class NullDispatchRoutine extends NullPointerException {

    private final int majorFunction;

    /** {@code driver}'s entry for {@code majorFunction} ("\Driver\MyFilter", IRP_MJ_READ) is NULL. */
    NullDispatchRoutine(String driver, int majorFunction) {
        super(driver + "'s DriverObject.MajorFunction[" + IrpMajor.name(majorFunction) + "] is NULL");
        this.majorFunction = majorFunction;
    }

    /** The IRP_MJ_ code whose entry is NULL. */
    public int majorFunction() {
        return majorFunction;
    }
}

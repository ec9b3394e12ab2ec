package org.sysmodels.irp.model.io;

/**
 * The CPU exception of IofCallDriver calling a dispatch table entry that a driver set to NULL: the processor fetches
 * its next instruction from address 0 (an access violation on execute, whose bug check parameters say 8, execute).
 * The I/O manager fills every entry with IopInvalidDeviceRequest before DriverEntry runs and sets any entry DriverEntry
 * left NULL back to it afterwards (ReactOS ntoskrnl/io/iomgr/driver.c IopInitializeDriverModule: "Windows does this
 * fixup"), so only a NULL written into the table later (in AddDevice, in a dispatch routine) lands here.
 */
public final class NullDispatchRoutine extends NullPointerException {

    private final String driver;
    private final int majorFunction;

    NullDispatchRoutine(String driver, int majorFunction) {
        super(driver + "'s DriverObject.MajorFunction[" + IrpMajor.name(majorFunction) + "] is NULL");
        this.driver = driver;
        this.majorFunction = majorFunction;
    }

    /** The driver whose table has the NULL entry ("\Driver\MyFilter"). */
    public String driver() {
        return driver;
    }

    public int majorFunction() {
        return majorFunction;
    }
}

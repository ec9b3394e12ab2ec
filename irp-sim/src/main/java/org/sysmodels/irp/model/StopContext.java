package org.sysmodels.irp.model;

/**
 * Where a stop happened: the driver and device whose routine was running (or "" in the I/O manager's own code), the
 * IRP involved as "0xffffc00000001000 (IRP_MJ_READ)", the processor and its IRQL, the kind of routine, the time, and
 * for a student's driver the line of the routine's latest call into the system ("" otherwise).
 */
public record StopContext(String driver, String device, String irp, int processor, int irql, String routine,
                          long at, String source) {

    public StopContext(String driver, String device, String irp, int processor, int irql, String routine, long at) {
        this(driver, device, irp, processor, irql, routine, at, "");
    }

    /** The same place, with {@code line} as the student's line. */
    public StopContext withSource(String line) {
        return new StopContext(driver, device, irp, processor, irql, routine, at, line);
    }

    /**
     * "\Driver\RamDisk, \Device\RamDisk0, DPC on CPU 1 at DISPATCH_LEVEL", or "the I/O manager on CPU 3 at
     * DISPATCH_LEVEL" outside any driver's routine (IoCancelIrp for a user's CancelIoEx).
     */
    public String where() {
        StringBuilder s = new StringBuilder();
        if (!driver.isEmpty()) {
            s.append(driver);
        }
        if (!device.isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ").append(device);
        }
        if (!routine.isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ").append(routine);
        }
        s.append(s.isEmpty() ? "the I/O manager" : "").append(" on CPU ").append(processor).append(" at ")
                .append(Irql.name(irql));
        if (!source.isEmpty()) {
            s.append("; your code: ").append(source);
        }
        return s.toString();
    }
}

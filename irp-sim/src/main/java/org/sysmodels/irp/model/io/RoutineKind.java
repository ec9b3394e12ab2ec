package org.sysmodels.irp.model.io;

/** The kinds of routine a processor runs, each entered through the kernel so it gets a frame. */
public enum RoutineKind {
    /** A driver's dispatch routine, called by IoCallDriver. */
    DISPATCH("dispatch"),
    /** A completion routine, called by IoCompleteRequest's walk. */
    COMPLETION("completion routine"),
    /** A cancel routine, called by IoCancelIrp. */
    CANCEL("cancel routine"),
    /** An interrupt service routine, at DIRQL. */
    ISR("ISR"),
    /** A deferred procedure call, at DISPATCH_LEVEL. */
    DPC("DPC"),
    /** A work item, at PASSIVE_LEVEL in a system worker thread. */
    WORK_ITEM("work item"),
    /** DriverEntry, AddDevice or Unload, at PASSIVE_LEVEL. */
    DRIVER_ENTRY("DriverEntry"),
    ADD_DEVICE("AddDevice"),
    UNLOAD("Unload"),
    /** A CSQ callback (IoCsq*), in the caller's context. */
    CSQ_CALLBACK("CSQ callback"),
    /** Code of the I/O manager or a user thread, not of a driver (the bottom frame of a thread). */
    SYSTEM("system");

    private final String label;

    RoutineKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package org.sysmodels.irp.model.io;

/**
 * One routine running on a processor: which driver's, on which device object, for which IRP (if any), at which IRQL
 * it was entered, and what it has done so far with its IRP (the I/O manager sets a flag for each call). Verifier
 * checks read the flags when the routine returns; the trace reads the times. Frames are preallocated per processor
 * and reused, so entering a routine allocates nothing. The flags, the state at entry and {@link #lowerStatus()} are
 * kept only while the kernel has an observer (a machine nobody watches skips that work); who, where and for which IRP
 * are always kept, for a stop's report.
 */
public final class RoutineFrame {

    /** Called IoCallDriver with this frame's IRP. */
    public static final int CALLED_DOWN = 1;
    /** Called IoMarkIrpPending on this frame's IRP. */
    public static final int MARKED_PENDING = 1 << 1;
    /** Called IoCompleteRequest on this frame's IRP. */
    public static final int COMPLETED = 1 << 2;
    /** Called IoSkipCurrentIrpStackLocation on this frame's IRP (and not IoCopy... since). */
    public static final int SKIPPED = 1 << 3;
    /** Called IoCopyCurrentIrpStackLocationToNext on this frame's IRP. */
    public static final int COPIED = 1 << 4;
    /** Called IoSetCompletionRoutine(Ex) on this frame's IRP. */
    public static final int SET_COMPLETION = 1 << 5;
    /** Marked pending before completing (MARKED_PENDING was set when IoCompleteRequest was called). */
    public static final int MARKED_BEFORE_COMPLETE = 1 << 6;
    /** Called IoAcquireCancelSpinLock in this routine. */
    public static final int ACQUIRED_CANCEL_LOCK = 1 << 7;

    RoutineKind kind;
    DriverObject driver;
    DeviceObject device;
    Irp irp;
    int irqlAtEntry;
    int flags;
    int lowerStatus;
    long enteredAt;
    int locationAtEntry;
    int spinLocksAtEntry;
    final int depth;
    final int processor;
    Object routine;
    /** The frame this one is nested in (null at the bottom), and the next deeper one, preallocated (or null). */
    final RoutineFrame below;
    RoutineFrame above;
    /** A student's line: the routine's last call into the system, or null (reference drivers). */
    String source;
    /** {@link #source} is the line that set this completion routine (it has made no call of its own yet). */
    boolean sourceSetsRoutine;
    /**
     * 0, or the {@link RoutineKind} ordinal + 1 of a routine entered light ({@link FrameStack#enterLight}): its
     * {@link #kind}, {@link #driver}, {@link #source} and {@link #flags} are not written yet, and
     * {@link Kernel#frame()} writes them ({@link #complete()}) before anyone reads this frame.
     */
    int light;

    RoutineFrame(int depth, int processor, RoutineFrame below) {
        this.depth = depth;
        this.processor = processor;
        this.below = below;
        if (below != null) {
            below.above = this;
        }
    }

    /**
     * Writes what a light entry left out, as {@link FrameStack#enter} writes it: the driver whose routine runs (a light
     * routine's device's), no student's line yet, no flags.
     */
    void complete() {
        kind = KINDS[light - 1];
        driver = device.DriverObject;
        source = null;
        flags = 0;
        light = 0;
    }

    private static final RoutineKind[] KINDS = RoutineKind.values();

    /** The {@link #light} value of {@code kind}. */
    static int light(RoutineKind kind) {
        return kind.ordinal() + 1;
    }

    public RoutineKind kind() {
        return kind;
    }

    /** The kind, for a frame entered light too (whose {@link #kind} is not written yet). */
    RoutineKind runningKind() {
        return light != 0 ? KINDS[light - 1] : kind;
    }

    public DriverObject driver() {
        return driver;
    }

    public DeviceObject device() {
        return device;
    }

    public Irp irp() {
        return irp;
    }

    public int irqlAtEntry() {
        return irqlAtEntry;
    }

    public int flags() {
        return flags;
    }

    public boolean did(int flag) {
        return (flags & flag) != 0;
    }

    /** What IoCallDriver returned for this frame's IRP (valid when CALLED_DOWN). */
    public int lowerStatus() {
        return lowerStatus;
    }

    public long enteredAt() {
        return enteredAt;
    }

    /** The IRP's CurrentLocation when the routine was entered. */
    public int locationAtEntry() {
        return locationAtEntry;
    }

    public int spinLocksAtEntry() {
        return spinLocksAtEntry;
    }

    /** 0 for the bottom frame of a processor's work. */
    public int depth() {
        return depth;
    }

    public int processor() {
        return processor;
    }

    /** The routine object (dispatch, completion, cancel routine...), for reports. */
    public Object routine() {
        return routine;
    }

    /**
     * The line of a student's file that made this routine's latest call into the system ("MyFilter.java:42
     * (MyFilter.DispatchRead), the routine's last call into the system"), or for a completion routine that has made
     * none the line that set it; null for reference drivers. Set by the WDM layer for drivers loaded from a
     * student's file, so a rule broken by the call, or judged when the routine returns (after the student's frame is
     * gone), can name the line.
     */
    public String source() {
        if (source == null) {
            return null;
        }
        return source + (sourceSetsRoutine ? ", where this completion routine was set"
                : ", the routine's last call into the system");
    }

    /** The student's line of the routine's latest call into the system, as {@link #source()} without its note. */
    public String sourceLine() {
        return source;
    }

    /** Records the student's line ("MyFilter.java:42 (MyFilter.DispatchRead)") of a call the routine makes. */
    public void noteSource(String line) {
        source = line;
        sourceSetsRoutine = false;
    }

    /** True for a routine of a driver (not the I/O manager's or a user thread's own code). */
    public boolean isDriverCode() {
        return driver != null && kind != RoutineKind.SYSTEM;
    }

    /** "\Driver\RamDisk dispatch for IRP_MJ_READ". */
    public String describe() {
        return describe(driver, kind, majorFunction());
    }

    /** The major function a dispatch routine was entered for (its location's, as it is now), or -1 for other kinds. */
    public int majorFunction() {
        if (irp == null || kind != RoutineKind.DISPATCH) {
            return -1;
        }
        return irp.stack[Math.max(0, Math.min(irp.stackCount, locationAtEntry) - 1)].MajorFunction;
    }

    /** {@link #describe()} of a routine of {@code driver} (null: the I/O manager's) for {@code major} (or -1). */
    public static String describe(DriverObject driver, RoutineKind kind, int major) {
        String who = driver == null ? "the I/O manager" : driver.DriverName;
        return who + " " + kind.label() + (major >= 0 ? " for " + IrpMajor.name(major) : "");
    }
}

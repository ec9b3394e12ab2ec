package org.sysmodels.irp.model.io;

/**
 * IO_STACK_LOCATION: one driver's view of an IRP. Each driver in the stack gets its own location: the top driver the
 * highest, "next" is one lower. Drivers write MajorFunction, MinorFunction, Flags, Parameters and FileObject of the
 * next location before calling down; the I/O manager owns Control, DeviceObject, CompletionRoutine and Context
 * (IoSetCompletionRoutine writes them for the caller).
 */
public final class IoStackLocation {

    /** Control bits (wdm.h). */
    public static final int SL_PENDING_RETURNED = 0x01;
    public static final int SL_ERROR_RETURNED = 0x02;
    public static final int SL_INVOKE_ON_CANCEL = 0x20;
    public static final int SL_INVOKE_ON_SUCCESS = 0x40;
    public static final int SL_INVOKE_ON_ERROR = 0x80;

    public int MajorFunction;
    public int MinorFunction;
    public int Flags;
    public final Parameters Parameters = new Parameters();
    public FileObject FileObject;

    int control;
    DeviceObject deviceObject;
    IoCompletionRoutine completionRoutine;
    Object context;
    /** For a student's driver: the line that set the completion routine (what a finding in the routine names). */
    String completionSetAt;
    /** The location one higher in the same packet (null for the last): the completion walk climbs through it. */
    final IoStackLocation above;

    IoStackLocation(IoStackLocation above) {
        this.above = above;
    }

    public int Control() {
        return control;
    }

    public DeviceObject DeviceObject() {
        return deviceObject;
    }

    public IoCompletionRoutine CompletionRoutine() {
        return completionRoutine;
    }

    public Object Context() {
        return context;
    }

    /** IoCopyCurrentIrpStackLocationToNext copies everything before CompletionRoutine, then clears Control. */
    void copyForNext(IoStackLocation from) {
        MajorFunction = from.MajorFunction;
        MinorFunction = from.MinorFunction;
        Flags = from.Flags;
        Parameters.copyFrom(from.Parameters);
        deviceObject = from.deviceObject;
        FileObject = from.FileObject;
        control = 0;
    }

    /**
     * IopClearStackLocation: keeps MajorFunction, DeviceObject, CompletionRoutine and Context, and
     * SL_ERROR_RETURNED.
     */
    void clearAfterCompletion() {
        MinorFunction = 0;
        Flags = 0;
        control &= SL_ERROR_RETURNED;
        Parameters.clearFirstThreeWords();
        FileObject = null;
    }

    /** IoInitializeIrp zeroes the whole packet. */
    void reset() {
        MajorFunction = 0;
        MinorFunction = 0;
        Flags = 0;
        Parameters.clear();
        FileObject = null;
        control = 0;
        deviceObject = null;
        completionRoutine = null;
        context = null;
        completionSetAt = null;
    }
}

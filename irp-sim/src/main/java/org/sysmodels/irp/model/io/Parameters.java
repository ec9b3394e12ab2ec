package org.sysmodels.irp.model.io;

/**
 * An I/O stack location's Parameters union. In C the members (Read, Write, DeviceIoControl, Power, Others) are views
 * of the same four pointer-sized words. Here they are views of the same object: {@code Parameters.Read},
 * {@code Parameters.Write}, {@code Parameters.DeviceIoControl}, {@code Parameters.Power} and {@code Parameters.Others}
 * all name one {@link Union}, which holds every member's fields, so {@code sp.Parameters.Read.Length} and
 * {@code sp.Parameters.DeviceIoControl.IoControlCode} read as in C, and copying or clearing the union is one
 * operation on one object, as IoCopyCurrentIrpStackLocationToNext and IopClearStackLocation treat it. (What is not
 * modelled: in C, Read.Length and DeviceIoControl.OutputBufferLength are the same bytes.)
 */
public final class Parameters {

    /** The union's storage, under every member's field names. */
    public static final class Union {
        /** Read and Write. */
        public int Length;
        public int Key;
        public long ByteOffset;
        /** DeviceIoControl. */
        public int OutputBufferLength;
        public int InputBufferLength;
        public int IoControlCode;
        /** Power (IRP_MN_SET_POWER, IRP_MN_QUERY_POWER). */
        public int SystemContext;
        public int Type;
        public int State;
        /** Others: four untyped arguments. */
        public Object Argument1;
        public Object Argument2;
        public Object Argument3;
        public Object Argument4;
    }

    private final Union union = new Union();

    public final Union Read = union;
    public final Union Write = union;
    public final Union DeviceIoControl = union;
    public final Union Power = union;
    public final Union Others = union;

    /** Copies every member from {@code p}. */
    public void copyFrom(Parameters p) {
        Union to = union;
        Union from = p.union;
        to.Length = from.Length;
        to.Key = from.Key;
        to.ByteOffset = from.ByteOffset;
        to.OutputBufferLength = from.OutputBufferLength;
        to.InputBufferLength = from.InputBufferLength;
        to.IoControlCode = from.IoControlCode;
        to.SystemContext = from.SystemContext;
        to.Type = from.Type;
        to.State = from.State;
        to.Argument1 = from.Argument1;
        to.Argument2 = from.Argument2;
        to.Argument3 = from.Argument3;
        to.Argument4 = from.Argument4;
    }

    /**
     * Zeroes the first three pointer-sized words of the union, as IopClearStackLocation does: on x64 every member
     * used here fits in them, so everything but Others.Argument4 is cleared.
     */
    public void clearFirstThreeWords() {
        Union u = union;
        u.Length = 0;
        u.Key = 0;
        u.ByteOffset = 0;
        u.OutputBufferLength = 0;
        u.InputBufferLength = 0;
        u.IoControlCode = 0;
        u.SystemContext = 0;
        u.Type = 0;
        u.State = 0;
        u.Argument1 = null;
        u.Argument2 = null;
        u.Argument3 = null;
    }

    /** Zeroes every member. */
    public void clear() {
        clearFirstThreeWords();
        union.Argument4 = null;
    }
}

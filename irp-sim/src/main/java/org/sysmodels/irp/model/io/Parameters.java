package org.sysmodels.irp.model.io;

/**
 * An I/O stack location's Parameters union, with the members this simulator uses. In C the members share memory; here
 * each has its own fields, and {@link #copyFrom} and {@link #clear} treat them all as one block, as
 * IoCopyCurrentIrpStackLocationToNext and the I/O manager's IopClearStackLocation treat the union.
 */
public final class Parameters {

    /** Parameters.Read. */
    public static final class ReadWrite {
        public int Length;
        public int Key;
        public long ByteOffset;
    }

    /** Parameters.DeviceIoControl. */
    public static final class DeviceIoControl {
        public int OutputBufferLength;
        public int InputBufferLength;
        public int IoControlCode;
    }

    /** Parameters.Power (IRP_MN_SET_POWER, IRP_MN_QUERY_POWER). */
    public static final class Power {
        public int SystemContext;
        public int Type;
        public int State;
    }

    /** Parameters.Others: four untyped arguments. */
    public static final class Others {
        public Object Argument1;
        public Object Argument2;
        public Object Argument3;
        public Object Argument4;
    }

    public final ReadWrite Read = new ReadWrite();
    public final ReadWrite Write = new ReadWrite();
    public final DeviceIoControl DeviceIoControl = new DeviceIoControl();
    public final Power Power = new Power();
    public final Others Others = new Others();

    /** Copies every member from {@code p}. */
    public void copyFrom(Parameters p) {
        Read.Length = p.Read.Length;
        Read.Key = p.Read.Key;
        Read.ByteOffset = p.Read.ByteOffset;
        Write.Length = p.Write.Length;
        Write.Key = p.Write.Key;
        Write.ByteOffset = p.Write.ByteOffset;
        DeviceIoControl.OutputBufferLength = p.DeviceIoControl.OutputBufferLength;
        DeviceIoControl.InputBufferLength = p.DeviceIoControl.InputBufferLength;
        DeviceIoControl.IoControlCode = p.DeviceIoControl.IoControlCode;
        Power.SystemContext = p.Power.SystemContext;
        Power.Type = p.Power.Type;
        Power.State = p.Power.State;
        Others.Argument1 = p.Others.Argument1;
        Others.Argument2 = p.Others.Argument2;
        Others.Argument3 = p.Others.Argument3;
        Others.Argument4 = p.Others.Argument4;
    }

    /**
     * Zeroes the first three pointer-sized words of the union, as IopClearStackLocation does: on x64 every member
     * used here fits in them, so everything but Others.Argument4 is cleared.
     */
    public void clearFirstThreeWords() {
        Object a4 = Others.Argument4;
        clear();
        Others.Argument4 = a4;
    }

    /** Zeroes every member. */
    public void clear() {
        Read.Length = 0;
        Read.Key = 0;
        Read.ByteOffset = 0;
        Write.Length = 0;
        Write.Key = 0;
        Write.ByteOffset = 0;
        DeviceIoControl.OutputBufferLength = 0;
        DeviceIoControl.InputBufferLength = 0;
        DeviceIoControl.IoControlCode = 0;
        Power.SystemContext = 0;
        Power.Type = 0;
        Power.State = 0;
        Others.Argument1 = null;
        Others.Argument2 = null;
        Others.Argument3 = null;
        Others.Argument4 = null;
    }
}

package org.sysmodels.irp.model.io;

/**
 * An I/O stack location's Parameters union. In C the members (Read, Write, DeviceIoControl, Power, Others) are views
 * of the same four pointer-sized words. Here they are views of the same object: {@code Parameters.Read},
 * {@code Parameters.Write}, {@code Parameters.DeviceIoControl}, {@code Parameters.Power} and {@code Parameters.Others}
 * all name this object, which holds every member's fields, so {@code sp.Parameters.Read.Length} and
 * {@code sp.Parameters.DeviceIoControl.IoControlCode} read as in C, and copying or clearing the union is one
 * operation on one object (reading no reference first), as IoCopyCurrentIrpStackLocationToNext and
 * IopClearStackLocation treat it. (What is not modelled: in C, Read.Length and DeviceIoControl.OutputBufferLength
 * are the same bytes.)
 */
public final class Parameters {

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

    public final Parameters Read = this;
    public final Parameters Write = this;
    public final Parameters DeviceIoControl = this;
    public final Parameters Power = this;
    public final Parameters Others = this;

    /** Copies every member from {@code p}. */
    public void copyFrom(Parameters p) {
        Parameters to = this;
        Parameters from = p;
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
        Parameters u = this;
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

    /**
     * Zeroes every member (IoInitializeIrp's share of the union), writing only the members that are not zero
     * already. When a packet comes back from a request, its locations' unions are nearly always zero
     * (IopClearStackLocation has cleared the first three words of every location the request reached, and a
     * location it did not reach was not written), so the test finds nothing to write. On the synchronous read path
     * (three locations, 39 members) the tests measured faster than the stores: 19.14 → 19.83 M IRPs/s in alternating
     * JMH forks (docs/irp-speed.md, 4 December, night), though they run more instructions. The same tests in
     * IopClearStackLocation, in the copy or for the location's other fields measured slower. The members are first
     * tested all at once (the ints and the long or-ed, the references' tests or-ed without short-circuit): one branch
     * where there were thirteen (bench/instructions irp 1,021 → 983; docs/irp-speed.md, 5 December).
     */
    public void clear() {
        Parameters u = this;
        if (((u.Length | u.Key | u.OutputBufferLength | u.InputBufferLength | u.IoControlCode | u.SystemContext
                | u.Type | u.State) | u.ByteOffset) != 0
                | u.Argument1 != null | u.Argument2 != null | u.Argument3 != null | u.Argument4 != null) {
            clearMembers();
        }
    }

    private void clearMembers() {
        Parameters u = this;
        if (u.Length != 0) {
            u.Length = 0;
        }
        if (u.Key != 0) {
            u.Key = 0;
        }
        if (u.ByteOffset != 0) {
            u.ByteOffset = 0;
        }
        if (u.OutputBufferLength != 0) {
            u.OutputBufferLength = 0;
        }
        if (u.InputBufferLength != 0) {
            u.InputBufferLength = 0;
        }
        if (u.IoControlCode != 0) {
            u.IoControlCode = 0;
        }
        if (u.SystemContext != 0) {
            u.SystemContext = 0;
        }
        if (u.Type != 0) {
            u.Type = 0;
        }
        if (u.State != 0) {
            u.State = 0;
        }
        if (u.Argument1 != null) {
            u.Argument1 = null;
        }
        if (u.Argument2 != null) {
            u.Argument2 = null;
        }
        if (u.Argument3 != null) {
            u.Argument3 = null;
        }
        if (u.Argument4 != null) {
            u.Argument4 = null;
        }
    }
}

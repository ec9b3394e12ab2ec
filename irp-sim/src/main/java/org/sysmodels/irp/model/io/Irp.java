package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.ThreadListEntry;

/**
 * The I/O request packet, laid out as Windows lays it out (wdm.h IRP, ReactOS ntoskrnl/io/iomgr/irp.c): a header plus
 * StackCount stack locations. CurrentLocation starts at StackCount + 1 (no driver owns a location yet), IoCallDriver
 * counts it down, IoCompleteRequest counts it back up, and StackCount + 2 means completed. Location number L is
 * {@code stack[L - 1]}: the bottom driver has location 1, the top driver location StackCount.
 *
 * <p>Public fields are the ones a driver writes (IoStatus, AssociatedIrp, DriverContext); the fields only the I/O
 * manager changes are read through methods named after them (PendingReturned(), Cancel(), CurrentLocation()).
 */
public final class Irp extends ThreadListEntry {

    /** Irp->Flags bits (wdm.h). */
    public static final int IRP_SYNCHRONOUS_API = 0x00000004;
    public static final int IRP_ASSOCIATED_IRP = 0x00000008;
    public static final int IRP_BUFFERED_IO = 0x00000010;
    public static final int IRP_INPUT_OPERATION = 0x00000040;
    public static final int IRP_CREATE_OPERATION = 0x00000080;
    public static final int IRP_READ_OPERATION = 0x00000100;
    public static final int IRP_WRITE_OPERATION = 0x00000200;
    public static final int IRP_CLOSE_OPERATION = 0x00000400;
    public static final int IRP_DEFER_IO_COMPLETION = 0x00000800;

    /** AssociatedIrp: the master of an associated IRP, the count of a master, or the system buffer. */
    public static final class Associated {
        public Irp MasterIrp;
        public int IrpCount;
        public byte[] SystemBuffer;
    }

    public final IoStatusBlock IoStatus = new IoStatusBlock();
    public final Associated AssociatedIrp = new Associated();
    /** Tail.Overlay.DriverContext: four pointers the driver that owns the IRP may use (the CSQ uses [3]). */
    public final Object[] DriverContext = new Object[4];

    final IoStackLocation[] stack;
    final long address;
    final int capacity;
    int stackCount;
    int currentLocation;
    /**
     * The lowest location handed out or written since IoInitializeIrp (the top one counts from the start): every
     * location below it is still zeroed, so the next IoInitializeIrp zeroes from it up, not all StackCount (exact
     * for every driver that writes only locations of IRPs it owns; docs/irp-speed.md, 5 December).
     */
    int lowestTouched = 1;
    boolean pendingReturned;
    boolean cancel;
    DriverCancel cancelRoutine;
    int cancelIrql;
    int flags;
    IoStatusBlock userIosb;
    KEvent userEvent;
    KThread thread;
    FileObject originalFileObject;
    boolean inUse;
    boolean fromLookaside;
    /** Driver-allocated (IoAllocateIrp by a driver): no thread will take the completion APC. */
    boolean driverAllocated;
    /** The driver that allocated the IRP (null for the I/O manager's own). */
    DriverObject allocator;
    /** The last error status IoCompleteRequest saw (ReactOS keeps it in the bottom location's Argument4). */
    int errorCode;
    /** Index in the lookaside's registry (how an event or APC names the packet without a reference). */
    final int id;
    /** Which use of this packet this is: each allocation counts up (trace flows and reports tell uses apart). */
    int generation;
    /** Bookkeeping for whoever issued the request (the workload): not part of the Windows IRP. */
    Object requester;
    long issuedAt;
    boolean cancelRequested;
    boolean finished;
    /** Tail.Overlay.ListEntry: links for the one driver list the IRP is on ({@link IrpList}). */
    Irp listNext;
    Irp listPrev;
    IrpList listOwner;
    /** The next free packet on its lookaside list (meaningless while allocated). */
    Irp lookasideNext;

    Irp(int id, long address, int capacity) {
        this.id = id;
        this.address = address;
        this.capacity = capacity;
        this.stack = new IoStackLocation[capacity];
        IoStackLocation above = null;
        for (int i = capacity - 1; i >= 0; i--) {
            above = stack[i] = new IoStackLocation(above);
        }
    }

    /**
     * IoInitializeIrp: a zeroed packet with {@code stackSize} locations and CurrentLocation = stackSize + 1. The
     * header's fields are written in the order HotSpot lays them out (references, then the long, ints and booleans):
     * on the synchronous read path that order measured 20.09 against 19.87 M IRPs/s in eleven alternating JMH pairs,
     * and other orders slower (docs/irp-speed.md, 4 December, late night).
     */
    void initialize(int stackSize) {
        for (int i = lowestTouched - 1; i < stackCount; i++) {
            stack[i].reset();
        }
        IoStatus.Status = 0;
        IoStatus.Information = 0;
        AssociatedIrp.MasterIrp = null;
        AssociatedIrp.IrpCount = 0;
        AssociatedIrp.SystemBuffer = null;
        DriverContext[0] = null;
        DriverContext[1] = null;
        DriverContext[2] = null;
        DriverContext[3] = null;
        pendingReturned = false;
        cancel = false;
        cancelRoutine = null;
        userIosb = null;
        userEvent = null;
        thread = null;
        originalFileObject = null;
        allocator = null;
        requester = null;
        listNext = null;
        listPrev = null;
        listOwner = null;
        issuedAt = 0;
        stackCount = stackSize;
        currentLocation = stackSize + 1;
        lowestTouched = stackSize;
        cancelIrql = 0;
        flags = 0;
        errorCode = 0;
        driverAllocated = false;
        cancelRequested = false;
        finished = false;
    }

    /** Location {@code location} was handed out or written: the next IoInitializeIrp zeroes it. */
    void touched(int location) {
        if (location < lowestTouched) {
            lowestTouched = location;
        }
    }

    /** The simulated kernel address of the packet (what bug check parameters show). */
    public long address() {
        return address;
    }

    public int StackCount() {
        return stackCount;
    }

    public int CurrentLocation() {
        return currentLocation;
    }

    /** Set by IoCompleteRequest, per level, from that level's SL_PENDING_RETURNED: read it in a completion routine. */
    public boolean PendingReturned() {
        return pendingReturned;
    }

    /** Set by IoCancelIrp. */
    public boolean Cancel() {
        return cancel;
    }

    /** The IRQL IoCancelIrp acquired the cancel spin lock from: a cancel routine releases the lock to it. */
    public int CancelIrql() {
        return cancelIrql;
    }

    public DriverCancel CancelRoutine() {
        return cancelRoutine;
    }

    public int Flags() {
        return flags;
    }

    /** Tail.Overlay.Thread: the thread that issued the request, or null for an IRP a driver allocated. */
    public KThread Thread() {
        return thread;
    }

    /** The caller's IO_STATUS_BLOCK (UserIosb). */
    public IoStatusBlock UserIosb() {
        return userIosb;
    }

    public KEvent UserEvent() {
        return userEvent;
    }

    /** Tail.Overlay.OriginalFileObject. */
    public FileObject FileObject() {
        return originalFileObject;
    }

    /** True once IoCompleteRequest has walked past the top location (CurrentLocation == StackCount + 2). */
    public boolean completed() {
        return currentLocation > stackCount + 1;
    }

    /** True while allocated (not on a lookaside list or freed). */
    public boolean inUse() {
        return inUse;
    }

    /** Which use of the packet this is. */
    public int generation() {
        return generation;
    }

    /** The packet's index among those the lookaside lists made (dense from 0): where an observer keeps its state. */
    public int index() {
        return id;
    }

    /** The major function of the current location, or of the top location before the first IoCallDriver. */
    public int majorFunction() {
        int loc = Math.min(Math.max(currentLocation, 1), stackCount);
        return stackCount == 0 ? 0 : stack[loc - 1].MajorFunction;
    }

    /** "0xffffc00000001000 (IRP_MJ_READ)". */
    public String describe() {
        return addressText() + " (" + IrpMajor.name(majorFunction()) + ")";
    }

    /** The address as bug checks and traces print it: "0xffffc00000001000". */
    public String addressText() {
        return "0x" + Long.toHexString(address);
    }

    /** Stack location {@code location} (1 = bottom, StackCount = top); for tests and reports. */
    public IoStackLocation location(int location) {
        IoStackLocation sp = stack[location - 1];
        touched(location);
        return sp;
    }

    public Object requester() {
        return requester;
    }

    public long issuedAt() {
        return issuedAt;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public String toString() {
        return "IRP " + describe();
    }
}

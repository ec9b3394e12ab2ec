package org.sysmodels.irp.model.io;

/**
 * A driver's queue of IRPs threaded through each IRP's Tail.Overlay.ListEntry, with the LIST_ENTRY functions'
 * names (InitializeListHead is the constructor). An IRP is on at most one such list at a time, and queueing
 * allocates nothing. Not synchronized: the driver holds its own spin lock around every call, as in C.
 */
public final class IrpList {

    private Irp head;
    private Irp tail;
    private int size;

    public boolean IsListEmpty() {
        return head == null;
    }

    public int size() {
        return size;
    }

    public void InsertTailList(Irp irp) {
        if (irp.listOwner != null) {
            throw new IllegalStateException("InsertTailList: " + irp.describe() + " is already on a list");
        }
        irp.listOwner = this;
        irp.listPrev = tail;
        irp.listNext = null;
        if (tail == null) {
            head = irp;
        } else {
            tail.listNext = irp;
        }
        tail = irp;
        size++;
    }

    public void InsertHeadList(Irp irp) {
        if (irp.listOwner != null) {
            throw new IllegalStateException("InsertHeadList: " + irp.describe() + " is already on a list");
        }
        irp.listOwner = this;
        irp.listNext = head;
        irp.listPrev = null;
        if (head == null) {
            tail = irp;
        } else {
            head.listPrev = irp;
        }
        head = irp;
        size++;
    }

    /** RemoveHeadList, or null on an empty list. */
    public Irp RemoveHeadList() {
        Irp irp = head;
        if (irp != null) {
            RemoveEntryList(irp);
        }
        return irp;
    }

    /** RemoveEntryList. @return false if the IRP was not on this list */
    public boolean RemoveEntryList(Irp irp) {
        if (irp.listOwner != this) {
            return false;
        }
        if (irp.listPrev == null) {
            head = irp.listNext;
        } else {
            irp.listPrev.listNext = irp.listNext;
        }
        if (irp.listNext == null) {
            tail = irp.listPrev;
        } else {
            irp.listNext.listPrev = irp.listPrev;
        }
        irp.listOwner = null;
        irp.listNext = null;
        irp.listPrev = null;
        size--;
        return true;
    }

    /** The first IRP, or null. */
    public Irp first() {
        return head;
    }

    /** The IRP after {@code irp} on this list, or null. */
    public Irp next(Irp irp) {
        return irp.listOwner == this ? irp.listNext : null;
    }

    public boolean contains(Irp irp) {
        return irp.listOwner == this;
    }
}

package org.sysmodels.irp.model.ke;

/**
 * A thread (ETHREAD, reduced to what the I/O manager uses): a name, the processor it runs on, and its IRP list
 * (IopQueueIrpToThread): every IRP the thread issued and whose completion APC has not run yet. IoCancelThreadIo walks
 * this list when the thread exits.
 */
public final class KThread {

    private final int id;
    private final String name;
    private final int processor;
    /**
     * The IRP list, linked through the packets (see {@link ThreadListEntry}), and its length. Only the first irpCount
     * entries from head are read: head's threadPrev, the last entry's threadNext and head and tail of an empty list
     * are stale.
     */
    private ThreadListEntry head;
    private ThreadListEntry tail;
    private int irpCount;

    public KThread(int id, String name, int processor) {
        this.id = id;
        this.name = name;
        this.processor = processor;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The processor this thread runs on (its ideal and only processor in the simulation). */
    public int processor() {
        return processor;
    }

    /**
     * IopQueueIrpToThread: appends {@code irp} to the list. The list's order is the one {@link #irp(int)} and
     * IoCancelThreadIo see: queueing appends, and unqueueing moves the last entry into the place of the one taken out
     * (the order the list has had since it was an array; the traces depend on it). An entry still on a list (a packet
     * reinitialized without being taken off) is taken off that list first.
     */
    public void queueIrp(ThreadListEntry irp) {
        if (irp.onThreadList) {
            irp.threadListOwner.unqueueIrp(irp);
        }
        // Every store is made even where the field already holds the value: a test per field costs a branch whose
        // never-taken arm is a deoptimization stub in the caller's compiled code, which kept IoService.issue above
        // the JIT's inlining limit (docs/irp-speed.md).
        if (irpCount == 0) {
            head = irp;
        } else {
            ThreadListEntry t = tail;
            irp.threadPrev = t;
            t.threadNext = irp;
        }
        tail = irp;
        irp.threadListOwner = this;
        irp.onThreadList = true;
        irpCount++;
    }

    /** IopUnQueueIrpFromThread. @return false if the IRP was not on this thread's list */
    public boolean unqueueIrp(ThreadListEntry irp) {
        if (!irp.onThreadList || irp.threadListOwner != this) {
            return false;
        }
        irp.onThreadList = false;
        if (--irpCount == 0) {
            return true;   // head and tail are written again by the next queueIrp
        }
        ThreadListEntry last = tail;
        // Take the last entry off the end, and put it in the place of the one taken out.
        tail = last.threadPrev;
        if (last != irp) {
            ThreadListEntry prev = irp.threadPrev;
            last.threadPrev = prev;
            if (irp == head) {
                head = last;
            } else {
                prev.threadNext = last;
            }
            if (irp == tail) {
                tail = last;
            } else {
                ThreadListEntry next = irp.threadNext;
                last.threadNext = next;
                next.threadPrev = last;
            }
        }
        return true;
    }

    public int irpCount() {
        return irpCount;
    }

    /** The i-th IRP on the list (0 ≤ i < irpCount()). */
    public ThreadListEntry irp(int i) {
        if (i < 0 || i >= irpCount) {
            throw new IndexOutOfBoundsException(i);
        }
        ThreadListEntry e = head;
        for (int k = 0; k < i; k++) {
            e = e.threadNext;
        }
        return e;
    }
}

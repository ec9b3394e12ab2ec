package org.sysmodels.irp.model.ke;

/**
 * The links an IRP carries for its thread's IRP list (IRP.ThreadListEntry in wdm.h, linked by ReactOS
 * IopQueueIrpToThread): the list is threaded through the packets themselves, so queueing and unqueueing an IRP is a few
 * pointer stores, with no array and no search. Only {@link KThread} touches the links.
 */
public abstract class ThreadListEntry {

    /** The links; meaningful only while on a list (the list's length bounds every walk, so stale links are not read). */
    ThreadListEntry threadNext;
    ThreadListEntry threadPrev;
    /** The thread whose list this entry was last put on; it is still there while {@link #onThreadList}. */
    KThread threadListOwner;
    boolean onThreadList;

    /** Whether this entry is on a thread's IRP list (IRP.ThreadListEntry linked, not empty). */
    public final boolean onThreadList() {
        return onThreadList;
    }
}

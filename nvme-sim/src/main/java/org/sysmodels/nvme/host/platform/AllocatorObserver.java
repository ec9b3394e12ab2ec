package org.sysmodels.nvme.host.platform;

/** Told about misuse of the DMA allocator (the checker turns it into findings). */
public interface AllocatorObserver {

    AllocatorObserver NONE = new AllocatorObserver() {
    };

    /** A page was freed that was not allocated. */
    default void doubleFree(int pfn, long now) {
    }

    /** The pool ran out of pages. */
    default void exhausted(long now) {
    }
}

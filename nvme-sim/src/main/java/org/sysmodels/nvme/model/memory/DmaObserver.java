package org.sysmodels.nvme.model.memory;

/**
 * Told when the device touches host memory that the host's allocator does not own at that moment: the bug a real
 * IOMMU or KASAN reports as a DMA use-after-free. The device still performs the access, as real hardware would.
 */
public interface DmaObserver {

    DmaObserver NONE = new DmaObserver() {
    };

    /** The device read ({@code write} false) or wrote host memory at {@code address}, which the host does not own. */
    default void unallocatedAccess(long address, boolean write) {
    }
}

package org.sysmodels.nvme.model;

/**
 * Told when the device touches host memory that the host's allocator does not own at that moment: the bug a real
 * IOMMU or KASAN reports as a DMA use-after-free. The device still performs the access, as real hardware would.
 */
@FunctionalInterface
public interface DmaObserver {

    DmaObserver NONE = (address, write) -> {
    };

    void unallocatedAccess(long address, boolean write);
}

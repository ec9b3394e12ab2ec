package org.sysmodels.nvme.model.memory;

/**
 * A CPU access by the host driver outside host memory or across a page for a single load or store: the simulated
 * equivalent of a page fault in the driver. The device side never raises it.
 */
public final class HostMemoryFault extends RuntimeException {

    public HostMemoryFault(long address, long width, long size) {
        super(String.format("host memory access of %d bytes at 0x%X is outside memory (size 0x%X) or crosses a page",
                width, address, size));
    }
}

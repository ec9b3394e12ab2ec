package org.sysmodels.nvme.model.register;

/**
 * BAR0 as the host sees it: 32- and 64-bit register reads and writes at byte offsets (NVMe 1.4 §3.1). Reads of
 * undefined or write-only registers return 0; writes to read-only or undefined registers are ignored; a 64-bit
 * register may also be written as two 32-bit halves, low first, as Linux's {@code lo_hi_writeq} does.
 */
public interface Mmio {

    int read32(int offset);

    long read64(int offset);

    void write32(int offset, int value);

    void write64(int offset, long value);
}

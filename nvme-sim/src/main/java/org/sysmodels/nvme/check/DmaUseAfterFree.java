package org.sysmodels.nvme.check;

import java.util.function.LongSupplier;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** The device never reads or writes host memory the host does not own (freed, or never allocated). */
public final class DmaUseAfterFree implements NvmeCheck {

    public static final Rule RULE = new Rule("dma-use-after-free", "the device never reads or writes a buffer the "
            + "host has freed: a buffer is unmapped only after the command's completion",
            "Linux Documentation/core-api/dma-api-howto.rst (unmap after the DMA is done)");

    private final Findings findings;
    private final LongSupplier clock;

    public DmaUseAfterFree(Findings findings, LongSupplier clock) {
        this.findings = findings;
        this.clock = clock;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void unallocatedAccess(long address, boolean write) {
        findings.violation(RULE, String.format("the device %s host memory at 0x%X, which the host does not own "
                + "(freed or never allocated)", write ? "wrote" : "read", address), clock.getAsLong(),
                String.format("page 0x%X", address >>> 12));
    }
}

package org.sysmodels.nvme.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;

/** A page is freed once. */
public final class DoubleFree implements NvmeCheck {

    public static final Rule RULE = new Rule("double-free", "a DMA page is freed once, while it is allocated",
            "Linux kernel/dma/debug.c (dma-debug: freeing memory that was not allocated)");

    private final Findings findings;

    public DoubleFree(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void doubleFree(int pfn, long now) {
        findings.violation(RULE, String.format("page 0x%X freed while not allocated", pfn), now, "allocator");
    }
}

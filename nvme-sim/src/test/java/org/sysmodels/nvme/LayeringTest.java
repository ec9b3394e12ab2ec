package org.sysmodels.nvme;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Layering;

/** DESIGN.md's package rules for nvme-sim: model < host < check < scenario < quiz < run < root, no cycles. */
class LayeringTest {

    @Test
    void packagesFollowDesign() {
        Layering.module("org.sysmodels.nvme").check();
    }
}

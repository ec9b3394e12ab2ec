package org.sysmodels.irp;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Layering;

class LayeringTest {

    @Test
    void packagesFollowDesign() {
        Layering.module("org.sysmodels.irp").model("wdm").check();
    }
}

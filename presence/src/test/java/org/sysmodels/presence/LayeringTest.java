package org.sysmodels.presence;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Layering;

class LayeringTest {
    @Test
    void packagesFollowDesign() {
        Layering.module("org.sysmodels.presence").run("gateway", "cluster", "transport").check();
    }
}

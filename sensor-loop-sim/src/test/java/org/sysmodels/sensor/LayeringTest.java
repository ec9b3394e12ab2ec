package org.sysmodels.sensor;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Layering;

class LayeringTest {
    @Test
    void packagesFollowDesign() {
        Layering.module("org.sysmodels.sensor").check();
    }
}

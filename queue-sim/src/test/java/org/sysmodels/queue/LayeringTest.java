package org.sysmodels.queue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Layering;

class LayeringTest {

    @Test
    void packagesFollowDesign() {
        Layering.module("org.sysmodels.queue").check();
    }
}

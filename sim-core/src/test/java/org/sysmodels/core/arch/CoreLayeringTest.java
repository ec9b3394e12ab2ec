package org.sysmodels.core.arch;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Layering;

class CoreLayeringTest {

    @Test
    void simCoreNamesNoModelAndHasNoPackageCycles() {
        Layering.checkCore();
    }
}

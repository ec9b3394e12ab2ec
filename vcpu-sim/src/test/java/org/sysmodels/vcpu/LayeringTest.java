package org.sysmodels.vcpu;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Layering;

/** DESIGN.md's package rules; the REST API ({@code api}) belongs to the run layer. */
class LayeringTest {

    @Test
    void packagesFollowDesign() {
        Layering.module("org.sysmodels.vcpu").run("api").check();
    }
}

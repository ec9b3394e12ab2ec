package org.sysmodels.compositor;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Layering;

/** DESIGN.md's package rules, with the compositor's extra packages named: pixel (model), app (host), output (run). */
class LayeringTest {

    @Test
    void packagesFollowDesign() {
        Layering.module("org.sysmodels.compositor").model("pixel").host("app").run("output").check();
    }
}

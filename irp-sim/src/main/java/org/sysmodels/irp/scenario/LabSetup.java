package org.sysmodels.irp.scenario;

import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * A bug lab and how to run it: the scenario made to show the bug quickly (from {@link IrpScenarios#labBase()}), the
 * sample driver the buggy variant replaces, and, for the one lab that needs it, the depth of a second device stack.
 */
public record LabSetup(BugLab lab, UnaryOperator<IrpScenario> scenario, String replaces,
                       Supplier<WdmDriver> variant, int otherStack) {

    public IrpScenario scenario(IrpScenario base) {
        return scenario.apply(base);
    }

    public Map<String, Supplier<WdmDriver>> replacements() {
        return Map.of(replaces, variant);
    }
}

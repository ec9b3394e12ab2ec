package org.sysmodels.compositor.scenario;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;

class SimulationSmokeTest {

    @Test
    void printEverything() throws Exception {
        for (int rep = 0; rep < 2; rep++) for (String name : List.of("home-screen", "scrolling-list", "scrolling-list-120hz", "video-overlay",
                "more-layers-than-planes", "rotation", "lab-tearing", "lab-halo")) {
            CompositorScenario s = Scenarios.load(name);
            Simulation.Outcome o = Simulation.run(s, 1, null, Tracer.off(), List.of());
            System.out.println(name + ": " + o.wallNanos() / 1e6 + " ms, frames " + o.surfaceFlinger().framesComposed()
                    + " jank " + o.timeline().jankCounts(null) + " present " + o.timeline().presentCounts(null));
            o.findings().list().forEach(f -> System.out.println("   " + f));
            var v = o.validations().entries();
            System.out.println("   last validate: " + (v.isEmpty() ? "-" : v.get(v.size() - 1).summary()));
        }
        for (BugLab b : BugLab.values()) {
            Simulation.Outcome o = Simulation.run(Scenarios.load(b.scenario()), 1, b, Tracer.off(), List.of());
            System.out.println("BUG " + b.label() + ": violations " + o.findings().violations());
            o.findings().list().stream().limit(4).forEach(f -> System.out.println("   " + f));
        }
    }
}

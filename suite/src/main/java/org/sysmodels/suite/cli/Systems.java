package org.sysmodels.suite.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.sysmodels.core.system.SimSystem;

/** The systems on the class path, found through {@link ServiceLoader}, in tour order. */
public final class Systems {

    /** Tour order: the kernel check first, then the systems in the order of DESIGN.md; unknown names last. */
    private static final List<String> ORDER = List.of("queue", "nvme", "irp", "vcpu", "compositor", "presence",
            "sensor-loop");

    private Systems() {
    }

    public static List<SimSystem> discover() {
        List<SimSystem> found = new ArrayList<>();
        ServiceLoader.load(SimSystem.class).forEach(found::add);
        found.sort(Comparator.comparingInt((SimSystem s) -> {
            int i = ORDER.indexOf(s.name());
            return i < 0 ? ORDER.size() : i;
        }).thenComparing(SimSystem::name));
        return found;
    }
}

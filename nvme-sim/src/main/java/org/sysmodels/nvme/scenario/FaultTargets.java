package org.sysmodels.nvme.scenario;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.nvme.model.media.FaultKinds;

/**
 * Each planned fault names a kind this controller injects and a target it can hit: a namespace of the device
 * ({@code "ns1"}) for the per-command faults, {@code "controller"} for {@code controller-fatal}, or {@code "*"} for
 * any. A fault whose target matches nothing would never fire, and the run would look clean; so it is refused, at the
 * field, as an unknown kind is.
 */
final class FaultTargets {

    private FaultTargets() {
    }

    static void check(List<Fault> faults, DeviceSpec device) {
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (!FaultKinds.ALL.contains(f.kind())) {
                throw new InvalidFieldException("faults[" + i + "].kind", "unknown fault kind \"" + f.kind()
                        + "\"; this system knows: " + String.join(", ", new TreeSet<>(FaultKinds.ALL)));
            }
            String allowed = targets(f.kind(), device);
            if (!f.target().equals("*") && !List.of(allowed.split(", ")).contains(f.target())) {
                throw new InvalidFieldException("faults[" + i + "].target", "\"" + f.target() + "\" is no target of "
                        + f.kind() + " on this device (the fault would never fire); targets: " + allowed
                        + ", or * for any");
            }
        }
    }

    /** The targets {@code kind} can hit, comma-separated: the controller, or the device's namespaces. */
    private static String targets(String kind, DeviceSpec device) {
        if (kind.equals(FaultKinds.CONTROLLER_FATAL)) {
            return FaultKinds.CONTROLLER;
        }
        return device.namespaces().stream().map(n -> FaultKinds.target(n.nsid())).collect(Collectors.joining(", "));
    }
}

package org.sysmodels.vcpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.vcpu.scenario.VcpuScenario;

/**
 * Which run flags an experiment scenario uses, and the refusal (exit 2) of one it would ignore, as {@code --kernel}
 * with an experiment is refused. creation-rate builds each microVM from the guest, its boot arguments, the vCPU
 * count and the memory size alone, in virtual time, and records no trace; boot-timeline runs the guest once with
 * every machine flag, but counts its boot in virtual time, so real threads' wall clock has no place in it.
 */
final class ExperimentFlags {

    private ExperimentFlags() {
    }

    /** @throws UserInputException naming the flags given that {@code experiment} would not use, and those it takes */
    static void check(VcpuScenario.Experiment experiment, Options o, RunRequest request, String scenario)
            throws UserInputException {
        List<String> ignored = new ArrayList<>();
        String takes;
        switch (experiment) {
            case CREATION_RATE -> {
                given(o, VcpuSystem.MODE, ignored);
                given(o, VcpuSystem.RUN_FOR, ignored);
                given(o, VcpuSystem.DRIVE, ignored);
                if (request.trace()) {
                    ignored.add("--trace");
                }
                takes = "--guest, --boot-args, --vcpus, --mem (and --report)";
            }
            case BOOT_TIMELINE -> {
                if (o.get(VcpuSystem.MODE).filter(m -> m != VcpuScenario.Mode.DETERMINISTIC).isPresent()) {
                    ignored.add("--mode " + o.get(VcpuSystem.MODE).get().name().toLowerCase(Locale.ROOT));
                }
                takes = "--guest, --boot-args, --vcpus, --mem, --run-for, --drive, --trace (and --report); "
                        + "the guest's boot is counted in virtual time (--mode deterministic)";
            }
            default -> {
                return;
            }
        }
        if (!ignored.isEmpty()) {
            throw new UserInputException("--scenario " + scenario + " and " + String.join(", ", ignored)
                    + ": that experiment does not take " + (ignored.size() == 1 ? "it" : "them") + "; it takes "
                    + takes);
        }
    }

    private static void given(Options o, OptionSpec<?> flag, List<String> ignored) {
        if (o.get(flag).isPresent()) {
            ignored.add(flag.name());
        }
    }
}

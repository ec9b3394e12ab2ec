package org.sysmodels.vcpu;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.system.RunRequest;

/**
 * With {@code --api-sock} the microVM is configured over the API, as Firecracker's is (PUT /machine-config,
 * /boot-source, /drives; Firecracker docs/getting-started.md), so a run flag given beside it would be ignored without a
 * word. It is refused (exit 2), naming the flags and the API call that does each job.
 */
final class ServeFlags {

    private static final List<OptionSpec<?>> RUN_FLAGS = List.of(VcpuSystem.GUEST, VcpuSystem.BOOT_ARGS,
            VcpuSystem.VCPUS, VcpuSystem.MEM, VcpuSystem.MODE, VcpuSystem.RUN_FOR, VcpuSystem.DRIVE);

    private ServeFlags() {
    }

    /** @throws UserInputException naming each run flag, scenario, bug lab or kernel given beside --api-sock */
    static void check(RunRequest request) throws UserInputException {
        List<String> given = new ArrayList<>();
        for (OptionSpec<?> flag : RUN_FLAGS) {
            request.options().get(flag).ifPresent(v -> given.add(flag.name() + " " + v));
        }
        request.scenario().ifPresent(v -> given.add("--scenario " + v));
        request.bug().ifPresent(v -> given.add("--bug " + v));
        request.student().ifPresent(v -> given.add("--kernel " + v));
        if (!given.isEmpty()) {
            throw new UserInputException(VcpuSystem.API_SOCK.name() + " and " + String.join(", ", given)
                    + ": the API server configures its microVM through the API (PUT /machine-config for vcpus "
                    + "and memory, /boot-source for the kernel and boot args, /drives for a drive); give "
                    + (given.size() == 1 ? "that flag" : "those flags") + " without --api-sock, or send those calls");
        }
    }
}

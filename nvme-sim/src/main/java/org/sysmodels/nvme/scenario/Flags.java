package org.sysmodels.nvme.scenario;

import org.sysmodels.core.scenario.Sizes;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.nvme.host.Rw;

/**
 * Applies command-line flags to a scenario, with the same checks a scenario file gets, and messages that name the
 * flag: "--bs: 3000 is not a multiple of the LBA size 4096".
 */
public final class Flags {

    /** The flag values, as strings and numbers as the user typed them (null = not given). */
    public record Values(String rw, String bs, Integer iodepth, Integer numjobs, Long ios, String runtime,
                         Integer rwmixread, Integer queues, String mode, String completion, Integer units,
                         Integer lbaSize) {
    }

    private Flags() {
    }

    public static NvmeScenario apply(NvmeScenario s, Values v) throws UserInputException {
        try {
            Rw rw = v.rw() == null ? null : Rw.parse(v.rw());
            Long bs = v.bs() == null ? null : parseSize("--bs", v.bs());
            Long runtime = v.runtime() == null ? null : parseTime("--runtime", v.runtime());
            WorkloadSpec w = s.workload().with(rw, bs, v.iodepth(), v.numjobs(), v.ios(), runtime, v.rwmixread());
            ScenarioLoader.checkFlags(w);
            HostSpec h = s.host();
            if (v.queues() != null) {
                h = h.withQueues(v.queues(), h.cpus());
            }
            if (v.completion() != null) {
                h = h.withCompletion(parseEnum("--completion", v.completion(), HostSpec.Completion.class));
            }
            ScenarioLoader.checkFlags(h);
            DeviceSpec d = s.device();
            if (v.units() != null) {
                d = d.withUnits(v.units());
            }
            if (v.lbaSize() != null) {
                if (v.lbaSize() != 512 && v.lbaSize() != 4096) {
                    throw new UserInputException("--lba-size: must be 512 or 4096, got " + v.lbaSize());
                }
                NamespaceEntry first = d.namespaces().get(0);
                List<NamespaceEntry> ns = new java.util.ArrayList<>(d.namespaces());
                ns.set(0, new NamespaceEntry(first.nsid(), v.lbaSize(), first.capacity()));
                d = d.withNamespaces(ns);
            }
            ScenarioLoader.checkFlags(d);
            Mode mode = v.mode() == null ? s.mode() : parseEnum("--mode", v.mode(), Mode.class);
            NvmeScenario merged = new NvmeScenario(mode, d, h, w, s.faults());
            check(merged);
            return merged;
        } catch (InvalidFieldException e) {
            throw new UserInputException("--" + kebab(e.field()) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage().startsWith("\"") ? "--rw: " + e.getMessage()
                    : e.getMessage());
        }
    }

    /** Checks that cross fields: block size against LBA size and MDTS. */
    public static void check(NvmeScenario s) throws UserInputException {
        long bs = s.workload().bs();
        NamespaceEntry ns = s.device().namespaces().get(0);
        if (bs % ns.lbaSize() != 0) {
            throw new UserInputException("--bs: " + bs + " is not a multiple of the LBA size " + ns.lbaSize()
                    + " of namespace " + ns.nsid());
        }
        long max = s.device().controllerConfig().maxTransferBytes();
        if (bs > max) {
            throw new UserInputException("--bs: " + Sizes.format(bs) + " exceeds the device's largest transfer (MDTS "
                    + s.device().mdts() + ": " + Sizes.format(max) + ")");
        }
        if (s.workload().rate() > 0 && s.mode() == Mode.THREADED) {
            throw new UserInputException("--mode threaded runs closed-loop only; remove workload.rate");
        }
    }

    private static long parseSize(String flag, String text) throws UserInputException {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flag + ": " + e.getMessage());
        }
    }

    private static long parseTime(String flag, String text) throws UserInputException {
        try {
            return SimTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flag + ": " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E parseEnum(String flag, String text, Class<E> type)
            throws UserInputException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new UserInputException(flag + ": \"" + text + "\" is not allowed; use " + allowed);
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}

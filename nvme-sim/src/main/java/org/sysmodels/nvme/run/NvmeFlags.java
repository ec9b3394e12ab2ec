package org.sysmodels.nvme.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.nvme.host.workload.Rw;
import org.sysmodels.nvme.scenario.DeviceSpec;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.Mode;
import org.sysmodels.nvme.scenario.NamespaceEntry;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * The flags of {@code sim nvme}, as data; each overrides the scenario's field of the same name. Applied with the same
 * checks a scenario file gets, and messages that name the flag: "--bs: 3000 is not a multiple of the LBA size 4096".
 */
public final class NvmeFlags {

    public static final OptionSpec<String> RW = OptionSpec.text("--rw", "PATTERN",
            "fio rw: read, write, randread, randwrite, randrw, readwrite.").withDefault("randread");
    public static final OptionSpec<Long> BS = OptionSpec.size("--bs", "SIZE", 1, 1 << 20,
            "Block size, e.g. 4k, 128k.").withDefault("4k");
    public static final OptionSpec<Integer> IODEPTH = OptionSpec.integer("--iodepth", "N", 1, 65_535,
            "Requests in flight per job.").withDefault("32");
    public static final OptionSpec<Integer> NUMJOBS = OptionSpec.integer("--numjobs", "N", 1, 256,
            "Jobs, one per CPU.").withDefault("1");
    public static final OptionSpec<Long> IOS = OptionSpec.count("--ios", "N", 1, WorkloadSpec.MAX_IOS,
            "I/Os per job (at most 100 M: about a minute of CPU).")
            .withDefault("100000");
    public static final OptionSpec<Long> RUNTIME = OptionSpec.duration("--runtime", "TIME", 1, WorkloadSpec.MAX_RUNTIME,
            "Virtual run time instead of a number of I/Os, with a unit, e.g. 50ms (at most 100s).");
    public static final OptionSpec<Integer> RWMIXREAD = OptionSpec.integer("--rwmixread", "PERCENT", 0, 100,
            "Reads in a mixed pattern, in percent.").withDefault("50");
    public static final OptionSpec<Integer> QUEUES = OptionSpec.integer("--queues", "N", 1, HostSpec.MAX_QUEUES,
            "I/O queue pairs the driver asks for.").withDefault("one per CPU, as Linux does");
    public static final OptionSpec<Mode> MODE = OptionSpec.choice("--mode", "MODE", Mode.class,
            "deterministic (sim-core scheduler) or threaded (host and device on two threads, an instant device, "
                    + "polled queues: exactly --ios x --numjobs I/Os; --runtime, --units, --completion interrupt, "
                    + "--bs above 4k, --buffer-offset and the scenario's latency settings are refused).")
            .withDefault("deterministic");
    public static final OptionSpec<HostSpec.Completion> COMPLETION = OptionSpec.choice("--completion", "HOW",
            HostSpec.Completion.class, "interrupt or poll.").withDefault("interrupt");
    public static final OptionSpec<Integer> UNITS = OptionSpec.integer("--units", "N", 1, 4096,
            "Internal parallel units of the device.").withDefault("16");
    public static final OptionSpec<Integer> LBA_SIZE = OptionSpec.integer("--lba-size", "BYTES", 512, 4096,
            "LBA size of namespace 1: 512 or 4096.");
    public static final OptionSpec<Integer> BUFFER_OFFSET = OptionSpec.integer("--buffer-offset", "BYTES", 0, 4092,
            "Start each I/O buffer this many bytes into its page (a multiple of 4), so PRP1 carries an offset.")
            .withDefault("0");
    public static final OptionSpec<Boolean> SWEEP = OptionSpec.flag("--sweep",
            "Run the workload at queue depths 1..256 and plot IOPS and latency, with the driver asked for "
                    + "(the reference, --bug or --driver); deterministic mode only, no trace.");

    public static final List<OptionSpec<?>> ALL = List.of(RW, BS, IODEPTH, NUMJOBS, IOS, RUNTIME, RWMIXREAD, QUEUES,
            MODE, COMPLETION, UNITS, LBA_SIZE, BUFFER_OFFSET, SWEEP);

    private NvmeFlags() {
    }

    /** The scenario with the flags the user gave applied, checked as a scenario file would be. */
    public static NvmeScenario apply(NvmeScenario s, Options o) throws UserInputException {
        try {
            Rw rw = o.get(RW).map(Rw::parse).orElse(null);
            WorkloadSpec w = s.workload().with(rw, o.get(BS).orElse(null), o.get(IODEPTH).orElse(null),
                    o.get(NUMJOBS).orElse(null), o.get(IOS).orElse(null), o.get(RUNTIME).orElse(null),
                    o.get(RWMIXREAD).orElse(null));
            if (o.has(BUFFER_OFFSET)) {
                w = w.withBufferOffset(o.get(BUFFER_OFFSET).orElseThrow());
            }
            ScenarioLoader.checkFlags(w);
            HostSpec h = s.host();
            if (o.has(QUEUES)) {
                h = h.withQueues(o.get(QUEUES).orElseThrow(), h.cpus());
            }
            if (o.has(COMPLETION)) {
                h = h.withCompletion(o.get(COMPLETION).orElseThrow());
            }
            ScenarioLoader.checkFlags(h);
            DeviceSpec d = s.device();
            if (o.has(UNITS)) {
                d = d.withUnits(o.get(UNITS).orElseThrow());
            }
            if (o.has(LBA_SIZE)) {
                int lbaSize = o.get(LBA_SIZE).orElseThrow();
                if (lbaSize != 512 && lbaSize != 4096) {
                    throw new UserInputException("--lba-size: must be 512 or 4096, got " + lbaSize);
                }
                NamespaceEntry first = d.namespaces().get(0);
                List<NamespaceEntry> ns = new ArrayList<>(d.namespaces());
                ns.set(0, new NamespaceEntry(first.nsid(), lbaSize, first.capacity()));
                d = d.withNamespaces(ns);
            }
            ScenarioLoader.checkFlags(d);
            NvmeScenario merged = new NvmeScenario(o.get(MODE).orElse(s.mode()), d, h, w, s.faults());
            if (merged.mode() == Mode.THREADED && o.get(COMPLETION).orElse(null) == HostSpec.Completion.INTERRUPT) {
                throw new UserInputException("--completion interrupt: --mode threaded always polls its queues "
                        + "(Linux's polled queues); remove the flag, or run deterministic");
            }
            check(merged);
            return merged;
        } catch (InvalidFieldException e) {
            // "workload.bs" from the scenario's cross-field check is the --bs flag's value
            String field = e.field().substring(e.field().lastIndexOf('.') + 1);
            throw new UserInputException("--" + kebab(field) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage().startsWith("\"") ? "--rw: " + e.getMessage()
                    : e.getMessage());
        }
    }

    /**
     * Checks that cross fields: what threaded mode cannot honour ({@link ThreadedLimits}). (Block size against LBA
     * size and MDTS is the scenario's own check, so a file's message points into the file.)
     */
    public static void check(NvmeScenario s) throws UserInputException {
        ThreadedLimits.check(s);
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}

package org.sysmodels.nvme;

import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.nvme.scenario.Flags;

/** The flags of {@code sim nvme}, as data; each overrides the scenario's field of the same name. */
public final class NvmeOptions {

    static final OptionSpec<String> RW = OptionSpec.text("--rw", "PATTERN",
            "fio rw: read, write, randread, randwrite, randrw, readwrite.").withDefault("randread");
    static final OptionSpec<String> BS = OptionSpec.text("--bs", "SIZE", "Block size, e.g. 4k, 128k.")
            .withDefault("4k");
    static final OptionSpec<Integer> IODEPTH = OptionSpec.integer("--iodepth", "N", 1, 65_535,
            "Requests in flight per job.").withDefault("32");
    static final OptionSpec<Integer> NUMJOBS = OptionSpec.integer("--numjobs", "N", 1, 256, "Jobs, one per CPU.")
            .withDefault("1");
    static final OptionSpec<Long> IOS = OptionSpec.count("--ios", "N", 1, Long.MAX_VALUE, "I/Os per job.")
            .withDefault("100000");
    static final OptionSpec<String> RUNTIME = OptionSpec.text("--runtime", "TIME",
            "Virtual run time instead of a number of I/Os, e.g. 50ms.");
    static final OptionSpec<Integer> RWMIXREAD = OptionSpec.integer("--rwmixread", "PERCENT", 0, 100,
            "Reads in a mixed pattern, in percent.").withDefault("50");
    static final OptionSpec<Integer> QUEUES = OptionSpec.integer("--queues", "N", 1, 65_535,
            "I/O queue pairs the driver asks for.").withDefault("one per CPU, as Linux does");
    static final OptionSpec<String> MODE = OptionSpec.text("--mode", "MODE",
            "deterministic (sim-core scheduler) or threaded (host and device on two threads).")
            .withDefault("deterministic");
    static final OptionSpec<String> COMPLETION = OptionSpec.text("--completion", "HOW", "interrupt or poll.")
            .withDefault("interrupt");
    static final OptionSpec<Integer> UNITS = OptionSpec.integer("--units", "N", 1, 4096,
            "Internal parallel units of the device.").withDefault("16");
    static final OptionSpec<Integer> LBA_SIZE = OptionSpec.integer("--lba-size", "BYTES", 512, 4096,
            "LBA size of namespace 1: 512 or 4096.");
    static final OptionSpec<Boolean> SWEEP = OptionSpec.flag("--sweep",
            "Run the workload at queue depths 1..256 and plot IOPS and latency.");

    static final java.util.List<OptionSpec<?>> ALL = java.util.List.of(RW, BS, IODEPTH, NUMJOBS, IOS, RUNTIME,
            RWMIXREAD, QUEUES, MODE, COMPLETION, UNITS, LBA_SIZE, SWEEP);

    private NvmeOptions() {
    }

    static Flags.Values values(Options o) {
        return new Flags.Values(o.get(RW).orElse(null), o.get(BS).orElse(null), o.get(IODEPTH).orElse(null),
                o.get(NUMJOBS).orElse(null), o.get(IOS).orElse(null), o.get(RUNTIME).orElse(null),
                o.get(RWMIXREAD).orElse(null), o.get(QUEUES).orElse(null), o.get(MODE).orElse(null),
                o.get(COMPLETION).orElse(null), o.get(UNITS).orElse(null), o.get(LBA_SIZE).orElse(null));
    }
}

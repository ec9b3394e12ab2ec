package org.sysmodels.nvme;

import picocli.CommandLine.Option;

/** The flags of {@code sim nvme}; each overrides the scenario's field of the same name. */
public final class NvmeOptions {

    @Option(names = "--rw", paramLabel = "PATTERN",
            description = "fio rw: read, write, randread, randwrite, randrw, readwrite. Default randread.")
    String rw;

    @Option(names = "--bs", paramLabel = "SIZE", description = "Block size, e.g. 4k, 128k. Default 4k.")
    String bs;

    @Option(names = "--iodepth", paramLabel = "N", description = "Requests in flight per job. Default 32.")
    Integer iodepth;

    @Option(names = "--numjobs", paramLabel = "N", description = "Jobs, one per CPU. Default 1.")
    Integer numjobs;

    @Option(names = "--ios", paramLabel = "N", description = "I/Os per job. Default 100000.")
    Long ios;

    @Option(names = "--runtime", paramLabel = "TIME",
            description = "Virtual run time instead of a number of I/Os, e.g. 50ms.")
    String runtime;

    @Option(names = "--rwmixread", paramLabel = "PERCENT",
            description = "Reads in a mixed pattern, in percent. Default 50.")
    Integer rwmixread;

    @Option(names = "--queues", paramLabel = "N",
            description = "I/O queue pairs the driver asks for (default: one per CPU, as Linux does).")
    Integer queues;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "deterministic (sim-core scheduler, default) or threaded (host and device on two threads).")
    String mode;

    @Option(names = "--completion", paramLabel = "HOW", description = "interrupt (default) or poll.")
    String completion;

    @Option(names = "--units", paramLabel = "N", description = "Internal parallel units of the device. Default 16.")
    Integer units;

    @Option(names = "--lba-size", paramLabel = "BYTES", description = "LBA size of namespace 1: 512 or 4096.")
    Integer lbaSize;

    @Option(names = "--sweep", description = "Run the workload at queue depths 1..256 and plot IOPS and latency.")
    boolean sweep;

    public NvmeOptions() {
    }

    public org.sysmodels.nvme.scenario.Flags.Values values() {
        return new org.sysmodels.nvme.scenario.Flags.Values(rw, bs, iodepth, numjobs, ios, runtime, rwmixread,
                queues, mode, completion, units, lbaSize);
    }

    public boolean sweep() {
        return sweep;
    }
}

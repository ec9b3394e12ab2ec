package org.sysmodels.nvme.scenario;

import org.sysmodels.core.scenario.ScenarioCatalog;

/** The packaged scenarios of {@code sim nvme} ({@code --scenario NAME}, {@code sim list}). */
public final class NvmeScenarios {

    private static final String R = "/org/sysmodels/nvme/scenario/";

    public static final ScenarioCatalog<NvmeScenario> CATALOG = new ScenarioCatalog<>(NvmeScenario.class)
            .add("randread", R + "randread.json", "4 KiB random reads, iodepth 32, one queue pair (the default)")
            .add("randrw-512", R + "randrw-512.json", "70/30 random read/write on 512-byte LBAs, 4 jobs, 4 queues")
            .add("big-blocks", R + "big-blocks.json", "128 KiB sequential reads: PRP lists and a 7 GiB/s link")
            .add("polling", R + "polling.json", "polled completion queues (no interrupts)")
            .add("coalescing", R + "coalescing.json", "interrupt coalescing: 8 entries or 100 µs per interrupt")
            .add("wrr", R + "wrr.json", "weighted round robin with an urgent queue against three low ones")
            .add("faults", R + "faults.json", "media errors, a stuck command (abort) and a fatal controller error "
                    + "(reset)")
            .addRealTime("threaded", R + "threaded.json", "host and device on two real threads, 4 queue pairs "
                    + "(real concurrency: not byte-identical run to run)");

    private NvmeScenarios() {
    }
}

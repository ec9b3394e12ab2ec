package org.sysmodels.irp.scenario;

import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.scenario.ScenarioCatalog;
import org.sysmodels.core.scenario.ScenarioEntry;

/** The packaged scenarios, by name, and the base every bug lab starts from. */
public final class IrpScenarios {

    private static final String DIR = "/org/sysmodels/irp/scenario/";

    private static final ScenarioCatalog<IrpScenario> CATALOG = new ScenarioCatalog<>(IrpScenario.class)
            .add("demo", DIR + "demo.json", "PDO <- counting <- ramdisk <- read-postprocess, 4 CPUs, 2% cancels")
            .add("sync-ramdisk", DIR + "sync-ramdisk.json", "no controller: every request completes synchronously")
            .add("cancel-storm", DIR + "cancel-storm.json", "30% CancelIoEx on deep queues: cancel races")
            .add("classic-queue", DIR + "classic-queue.json", "the same races against a hand-written cancel queue")
            .add("close-handle", DIR + "close-handle.json", "cancellation by IRP_MJ_CLEANUP when a handle closes")
            .add("thread-exit", DIR + "thread-exit.json", "cancellation by IoCancelThreadIo when a thread exits")
            .add("split-reads", DIR + "split-reads.json", "64 KiB reads split into associated IRPs")
            .add("open-loop", DIR + "open-loop.json", "open arrivals at 120k requests/s for 10 ms")
            .add("many-cpus", DIR + "many-cpus.json", "16 processors, 16 threads");

    /** The scenario a run uses when none is named. */
    public static final String DEFAULT = "demo";

    private IrpScenarios() {
    }

    public static List<ScenarioEntry> entries() {
        return CATALOG.entries();
    }

    /** A packaged scenario by name, or a scenario file. */
    public static IrpScenario resolve(String nameOrPath) throws UserInputException {
        return CATALOG.resolve(nameOrPath);
    }

    /**
     * The base of every bug lab: PDO ← counting ← RAM disk ← read-postprocess ← ioctl-filter on 4 processors, a
     * 2-channel controller with 20 us transfers, 4 threads, 4,000 requests (reads, writes, IOCTLs), no cancels.
     */
    public static IrpScenario labBase() {
        return new IrpScenario("bug lab", 4,
                new StackSpec(List.of("read-postprocess", "ioctl-filter"), "ramdisk", List.of("counting"), null),
                new DeviceSpec(true, 2, new Distribution.Exponential(20_000)),
                new WorkloadSection(4, 1, null, null, null, 4_000L, null, null, null), CancellationSpec.NONE,
                CostsSpec.DEFAULT);
    }
}

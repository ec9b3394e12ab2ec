package org.sysmodels.bench;

import java.util.List;

/** The headline figures of every system, in the order bench/run prints them. Each system's issue adds its rows. */
public final class Headlines {

    private static final String CORE = "org.sysmodels.bench.core.";
    private static final String NVME = "org.sysmodels.bench.nvme.";
    private static final String COMPOSITOR = "org.sysmodels.bench.compositor.";

    public static final List<Headline> ALL = List.of(
            new Headline("sim-core scheduler, hold model, 10k pending", CORE + "SchedulerBench.holdScheduler",
                    "events/s", "java.util.PriorityQueue hold loop", CORE + "SchedulerBench.holdPriorityQueue",
                    "≥ 20 M events/s, 0 B/event, ≥ 2× peer", new Goal(20e6, 2, 0)),
            new Headline("nvme deterministic 4K randread QD64, 4 QPs", NVME + "NvmeDeterministicBench.randRead4kQd64",
                    "commands/s", "same, run-time checks off", NVME + "NvmeDeterministicBench.randRead4kQd64Unchecked",
                    "≥ 10 M commands/s, 0 B/command", Goal.atLeast(10e6).noAllocation()),
            new Headline("nvme threaded mode vs SPSC pair", NVME + "NvmeThreadedBench.threaded", "commands/s",
                    "JCTools SpscArrayQueue pair", NVME + "NvmeThreadedBench.spscPair", "≥ 0.5× peer",
                    Goal.ratio(0.5)),
            new Headline("nvme threaded mode vs ABQ pair", NVME + "NvmeThreadedBench.threaded", "commands/s",
                    "ArrayBlockingQueue pair", NVME + "NvmeThreadedBench.abqPair", "≥ 3× peer", Goal.ratio(3)),
            new Headline("compositor SRC_OVER 8×1080p layers, UI content", COMPOSITOR + "BlendBench.engineUi",
                    "layer-px/s", "pixman 8× composite32 OVER (JNI)", COMPOSITOR + "BlendBench.pixmanUi",
                    "≥ 1.0× pixman, one core", Goal.ratio(1.0)),
            new Headline("compositor SRC_OVER 8×1080p layers, UI content", COMPOSITOR + "BlendBench.engineUi",
                    "layer-px/s", "Java2D AlphaComposite.SrcOver", COMPOSITOR + "BlendBench.java2dUi",
                    "≥ 5× Java2D", Goal.ratio(5)),
            new Headline("compositor SRC_OVER 8×1080p, all translucent", COMPOSITOR + "BlendBench.engineTranslucent",
                    "layer-px/s", "pixman 8× composite32 OVER (JNI)", COMPOSITOR + "BlendBench.pixmanTranslucent",
                    "worst case: no pixel skippable"),
            new Headline("compositor SRC_OVER 8×1080p, all translucent", COMPOSITOR + "BlendBench.engineTranslucent",
                    "layer-px/s", "Java2D AlphaComposite.SrcOver", COMPOSITOR + "BlendBench.java2dTranslucent",
                    "worst case: no pixel skippable"),
            new Headline("compositor home screen 1080×2400, damage tracking", COMPOSITOR
                    + "HomeScreenBench.withDamageTracking", "frames/s", "same without damage tracking", COMPOSITOR
                    + "HomeScreenBench.withoutDamageTracking", "report fps with and without"));

    private Headlines() {
    }
}

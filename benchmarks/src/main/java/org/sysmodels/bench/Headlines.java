package org.sysmodels.bench;

import java.util.List;

/** The headline figures of every system, in the order bench/run prints them. Each system's issue adds its rows. */
public final class Headlines {

    private static final String CORE = "org.sysmodels.bench.core.";
    private static final String NVME = "org.sysmodels.bench.nvme.";
    private static final String COMPOSITOR = "org.sysmodels.bench.compositor.";
    private static final String IRP = "org.sysmodels.bench.irp.";
    private static final String PRESENCE = "org.sysmodels.bench.presence.";
    private static final String VCPU = "org.sysmodels.bench.vcpu.";
    private static final String SENSOR = "org.sysmodels.bench.sensor.";

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
                    + "HomeScreenBench.withoutDamageTracking", "report fps with and without"),
            new Headline("irp synchronous read, 3-deep stack, verifier off", IRP + "IrpBench.syncVerifierOff",
                    "IRPs/s", "three plain Java calls and a callback", IRP + "IrpBench.plainCallsPeer",
                    "≥ 20 M IRPs/s, 0 B/IRP; report the ratio to the peer", Goal.atLeast(20e6).noAllocation()),
            new Headline("irp synchronous read, 3-deep stack, verifier off", IRP + "IrpBench.syncVerifierOff",
                    "IRPs/s", "the bare Windows steps in plain Java", IRP + "IrpBench.idealWindowsSteps",
                    "the floor: how far the simulator's read is from it"),
            new Headline("irp synchronous read, 3-deep stack, verifier on", IRP + "IrpBench.syncVerifierOn",
                    "IRPs/s", "same, verifier off", IRP + "IrpBench.syncVerifierOff", "≥ 10 M IRPs/s, 0 B/IRP",
                    Goal.atLeast(10e6).noAllocation()),
            new Headline("irp pended read completed from a DPC", IRP + "IrpBench.pendedFromDpc", "IRPs/s",
                    "synchronous read, verifier on", IRP + "IrpBench.syncVerifierOn",
                    "report IRPs/s and the ratio to the synchronous path"),
            new Headline("vcpu guest CPU: RV64IMA crc guest, one core", VCPU + "InterpreterBench.interpreter",
                    "guest insn/s", "same C compiled for the host (JNI)", VCPU + "InterpreterBench.nativePeer",
                    "≥ 300 M insn/s, 0 B/insn; ratio = fraction of native",
                    Goal.atLeast(300e6).noAllocation()),
            new Headline("vcpu MMIO exits end to end, single thread", VCPU + "MmioExitBench.mmioExits", "exits/s",
                    null, null, "≥ 5 M exits/s", Goal.atLeast(5e6)),
            new Headline("vcpu pause–resume round trip, real vCPU thread", VCPU + "PauseResumeBench.pauseResume",
                    "µs/op mean", null, null, "median < 50 µs (p0.50 in latest.json)"),
            new Headline("vcpu microVMs created, booted to 1st byte, torn down", VCPU
                    + "CreationRateBench.createBootTeardown", "VMs/s", null, null,
                    "≥ 1,000/s on 2 cores (Firecracker: 5/core/s)", Goal.atLeast(1000)),
            new Headline("presence heartbeats, 1M sessions, timing wheel", PRESENCE + "HeartbeatBench.wheelExtend",
                    "heartbeats/s", "Netty HashedWheelTimer cancel+newTimeout", PRESENCE
                    + "HeartbeatBench.nettyHashedWheelTimer", "≥ 10 M/s, 0 B/heartbeat, ≥ 3× the better peer",
                    new Goal(10e6, 3, 0)),
            new Headline("presence heartbeats, 1M sessions, timing wheel", PRESENCE + "HeartbeatBench.wheelExtend",
                    "heartbeats/s", "PriorityQueue of deadlines (lazy delete)", PRESENCE
                    + "HeartbeatBench.priorityQueue", "≥ 10 M/s, 0 B/heartbeat, ≥ 3× the better peer",
                    new Goal(10e6, 3, 0)),
            new Headline("presence heartbeats, wheel moving the entry", PRESENCE + "HeartbeatBench.wheelMove",
                    "heartbeats/s", "Netty HashedWheelTimer cancel+newTimeout", PRESENCE
                    + "HeartbeatBench.nettyHashedWheelTimer", "the eager variant, for comparison"),
            new Headline("presence simulation, large: 5 M users in 1,000 cells, 2 threads", PRESENCE
                    + "SimulationCellsBench.simulatedSeconds", "sim-s/s", null, null,
                    "≥ 20 (× real time) on 2 cores, heap ≤ 6 GiB", Goal.atLeast(20)),
            new Headline("presence simulation, large as one world (cell 0), 1 thread", PRESENCE
                    + "SimulationBench.simulatedSeconds", "sim-s/s", null, null, "for comparison with the cells"),
            new Headline("presence simulation, large as one world (cell 0) in 2 shards, 2 threads", PRESENCE
                    + "SimulationTwoShardsBench.simulatedSeconds", "sim-s/s", null, null,
                    "for comparison with the cells (the target row until 2026-12-05)"),
            new Headline("presence simulation, 5 M users, uniform random graph, one world", PRESENCE
                    + "SimulationUniformBench.simulatedSeconds", "sim-s/s", null, null,
                    "for comparison: the graph without communities cannot run in cells"),
            new Headline("sensor-loop 1 kHz loop, 2 I2C sensors, watchdogs, checks", SENSOR
                    + "SensorLoopBench.loop1kHz", "iterations/s", "same computation, plain Java (the floor)", SENSOR
                    + "SensorLoopBench.plainJava", "≥ 10 M iterations/s, 0 B/iteration; report the ratio",
                    Goal.atLeast(10e6).noAllocation()),
            new Headline("sensor-loop 1 kHz loop, steady state (one board continued)", SENSOR
                    + "SensorLoopBench.loop1kHzSteady", "iterations/s", "same computation, plain Java (the floor)",
                    SENSOR + "SensorLoopBench.plainJava", "≥ 10 M iterations/s, 0 B/iteration; report the ratio",
                    Goal.atLeast(10e6).noAllocation()),
            new Headline("sensor-loop fault campaign, 2 threads", SENSOR + "SensorLoopBench.campaign2Threads",
                    "faults/s", null, null, "10,000 faults in < 1 min on 2 cores (≥ 167 faults/s)",
                    Goal.atLeast(167)));

    /** Figures measured by programs rather than JMH (memory, load over real sockets), after the JMH rows. */
    public static final List<ProgramHeadline> PROGRAMS = List.of(
            new ProgramHeadline("presence memory per user, compact vs object store", PRESENCE + "PresenceFigures",
                    List.of("-Xms6g", "-Xmx6g", "-XX:+UseParallelGC"), List.of("memory")),
            new ProgramHeadline("presence gateway load over WebSocket", PRESENCE + "PresenceFigures",
                    List.of("-Xmx3g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"), List.of("load")),
            new ProgramHeadline("presence cluster: two gateway nodes over Redis", PRESENCE + "PresenceFigures",
                    // the load generator runs here: the whole heap from the start, so its young generation is not
                    // the default's ~120 MB (a collection every few seconds, each a pause in every delivery it reads),
                    // and touched before the run, as the nodes' are (its first collections in the measured phase
                    // took 38-51 ms, faulting in the survivor space's pages)
                    List.of("-Xmx2g", "-Xms2g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC",
                            "--enable-native-access=ALL-UNNAMED"),
                    List.of("cluster")));

    private Headlines() {
    }
}

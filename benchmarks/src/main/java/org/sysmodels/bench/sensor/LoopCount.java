package org.sysmodels.bench.sensor;

/**
 * Runs the benchmark's loop rig a few times to warm up, then once for a number of measured loop iterations, and
 * exits: {@code bench/instructions sensor-loop} runs it twice under cachegrind with different measured lengths, and
 * the difference in instructions over the difference in iterations is the steady-state cost of one 1 ms iteration
 * (start-up, class loading and JIT compilation cancel out).
 *
 * <p>Arguments: warm-up runs (of {@link SensorLoopBench#ITERATIONS} iterations each), measured iterations.
 */
public final class LoopCount {

    private LoopCount() {
    }

    public static void main(String[] args) {
        int warm = Integer.parseInt(args[0]);
        long measured = Long.parseLong(args[1]);
        LoopRig warmRig = new LoopRig(SensorLoopBench.ITERATIONS);
        for (int i = 0; i < warm; i++) {
            warmRig.run();
        }
        long cycles = new LoopRig(measured).run();
        System.out.println("completed " + cycles + " loop cycles");
    }
}

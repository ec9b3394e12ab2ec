package org.sysmodels.bench.presence;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What this machine's memory gives a program that reads at random places, the floor under {@link SimulationCpu}'s
 * figures: per array size, the time of a read that waits for the one before it (a pointer chase: the latency) and of
 * reads whose addresses are all known in advance (a loop that does nothing else, so the misses overlap: the best a
 * read-ahead such as {@code Subscribers.touch} can do). A 5 M-user shard spreads its per-session state over some 500
 * MB, and a simulated second of one shard makes a few million reads there that miss every cache (docs/presence.md,
 * "Compute or memory"), so the independent figure at that size bounds how fast a shard can run at all.
 *
 * <p>{@code java -Xms6g -Xmx6g -XX:+UseParallelGC -XX:+UseTransparentHugePages -cp benchmarks.jar
 * org.sysmodels.bench.presence.MemoryFloor [MB ...]} (default 1 8 64 512 2048). Each figure is the best of three
 * passes.
 */
public final class MemoryFloor {

    private static final int CHASE_READS = 20_000_000;
    private static final int INDEPENDENT_READS = 1 << 22;
    private static final int PASSES = 3;

    private MemoryFloor() {
    }

    public static void main(String[] args) {
        long[] sizes = args.length == 0 ? new long[] {1, 8, 64, 512, 2048} : new long[args.length];
        for (int i = 0; i < args.length; i++) {
            try {
                sizes[i] = Long.parseLong(args[i]);
            } catch (NumberFormatException e) {
                sizes[i] = 0;
            }
            if (sizes[i] < 1 || sizes[i] > 4096) {
                System.err.println("MemoryFloor: array size '" + args[i] + "' must be a whole number of MB from 1 to "
                        + "4096; usage: MemoryFloor [MB ...]");
                System.exit(2);
            }
        }
        SplittableRandom rnd = new SplittableRandom(1);
        long keep = 0;
        for (long mb : sizes) {
            long[] next;
            try {
                next = cycle((int) (mb * (1 << 20) / Long.BYTES), rnd);
            } catch (OutOfMemoryError e) {
                System.err.printf(Locale.ROOT, "MemoryFloor: %,d MB needs a heap of about %,d MB (-Xmx)%n", mb,
                        mb * 3 / 2 + 256);
                System.exit(2);
                return;
            }
            int[] at = rnd.ints(INDEPENDENT_READS, 0, next.length).toArray();
            double chase = Double.MAX_VALUE;
            double independent = Double.MAX_VALUE;
            for (int pass = 0; pass < PASSES; pass++) {
                long t0 = System.nanoTime();
                long p = 0;
                for (int i = 0; i < CHASE_READS; i++) {
                    p = next[(int) p];
                }
                long t1 = System.nanoTime();
                long sum = 0;
                for (int i = 0; i < at.length; i++) {
                    sum += next[at[i]];
                }
                long t2 = System.nanoTime();
                keep += p + sum;
                chase = Math.min(chase, (t1 - t0) / (double) CHASE_READS);
                independent = Math.min(independent, (t2 - t1) / (double) at.length);
            }
            System.out.printf(Locale.ROOT, "%,6d MB: dependent read %6.1f ns, independent read %5.1f ns (%.0f M/s)%n",
                    mb, chase, independent, 1e3 / independent);
        }
        System.out.println(keep == 42 ? "" : "(done)");
    }

    /** An array holding one random cycle through all its indices (Sattolo's algorithm): a chase visits every entry. */
    private static long[] cycle(int n, SplittableRandom rnd) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long[] next = new long[n];
        for (int i = 0; i < n; i++) {
            next[order[i]] = order[(i + 1) % n];
        }
        return next;
    }
}

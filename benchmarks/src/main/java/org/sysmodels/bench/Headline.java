package org.sysmodels.bench;

/**
 * A figure that {@code bench/run} reports: a JMH throughput benchmark, the unit its operations are counted in, the
 * peer it is compared with in the same run, and the target in words.
 *
 * @param label         what the row measures
 * @param benchmark     the benchmark method, fully qualified
 * @param unit          what one operation per second means ("events/s")
 * @param peerLabel     the peer, in words
 * @param peerBenchmark the peer's benchmark method, fully qualified, or null when the row has no peer
 * @param target        the target from the issue, in words
 * @param goal          the same target as numbers, for the met / NOT met column
 */
public record Headline(String label, String benchmark, String unit, String peerLabel, String peerBenchmark,
                       String target, Goal goal) {

    /** A headline whose target is only words (reported, not judged). */
    public Headline(String label, String benchmark, String unit, String peerLabel, String peerBenchmark,
                    String target) {
        this(label, benchmark, unit, peerLabel, peerBenchmark, target, Goal.NONE);
    }
}

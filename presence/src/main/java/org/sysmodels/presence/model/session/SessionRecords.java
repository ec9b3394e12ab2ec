package org.sysmodels.presence.model.session;

import java.util.Arrays;

/**
 * One record of {@code long}s per session slot in one array, whose words several parties share out at set-up: the
 * gateway node's {@link Subscribers} (sequence number, replay ring's guilds, the node's flags and times) and a check
 * that keeps a number per session (the replay-order check's last sequence number). Each party reads and writes only
 * the words it claimed, so a check's state stays its own; they only sit in the same cache line.
 *
 * <p>Why: a delivery to a random session among millions waits for every cache line it touches for the first time.
 * With one array per party it touched three to five lines of per-session state (docs/presence.md, "Cache lines per
 * delivery"); with one record of {@link #stride()} words it touches the record's one or two lines. The stride is
 * rounded up to 2, 4 or a multiple of 8 words, so records never straddle more 64-byte lines than their size needs
 * (where the array starts in memory is the JVM's choice: a record of 8 words starts on a line boundary in every
 * record or in none).
 */
public final class SessionRecords {

    private final int stride;
    private int claimed;
    private int capacity;
    private long[] words;

    /**
     * Records of at least {@code wordsPerRecord} words for {@code expectedSlots} slots (more are added by doubling
     * when a higher slot is {@link #fit}).
     */
    public SessionRecords(int expectedSlots, int wordsPerRecord) {
        if (wordsPerRecord < 1) {
            throw new IllegalArgumentException("a record holds at least one word");
        }
        this.stride = wordsPerRecord <= 2 ? wordsPerRecord : wordsPerRecord <= 4 ? 4 : (wordsPerRecord + 7) & ~7;
        this.capacity = Math.max(16, expectedSlots);
        this.words = new long[Math.multiplyExact(capacity, stride)];
    }

    /** Claims {@code n} words of every record and returns the first one's index in a record. */
    public int claim(int n) {
        if (n < 0 || claimed + n > stride) {
            throw new IllegalArgumentException("claiming " + n + " words of a " + stride + "-word record with "
                    + claimed + " claimed");
        }
        int base = claimed;
        claimed += n;
        return base;
    }

    /** Makes sure slot {@code s} has a record. The array may be replaced: read {@link #words()} again after this. */
    public void fit(int s) {
        if (s >= capacity) {
            int n = Math.max(capacity * 2, s + 1);
            words = Arrays.copyOf(words, Math.multiplyExact(n, stride));
            capacity = n;
        }
    }

    /** The records: word {@code k} of slot {@code s} is at {@code s * stride() + k}. */
    public long[] words() {
        return words;
    }

    /** Words per record (at least the words asked for: 1, 2, 4 or a multiple of 8). */
    public int stride() {
        return stride;
    }

    /** Slots with a record (every slot below this). */
    public int capacity() {
        return capacity;
    }
}

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

    private int claimed;
    private int stride;
    private int capacity;
    private long[] words;

    /** Records for {@code expectedSlots} slots (more are added by doubling when a higher slot is {@link #fit}). */
    public SessionRecords(int expectedSlots) {
        this.capacity = Math.max(16, expectedSlots);
    }

    /**
     * Claims {@code n} words of every record and returns the first one's index in a record. Only before the records
     * exist (the first {@link #fit} or {@link #words()}).
     */
    public int claim(int n) {
        if (words != null) {
            throw new IllegalStateException("words are claimed before the records are made");
        }
        if (n < 0) {
            throw new IllegalArgumentException("words " + n + " < 0");
        }
        int base = claimed;
        claimed += n;
        return base;
    }

    /** Makes the records now that every party has claimed its words. */
    private void make() {
        stride = claimed <= 2 ? Math.max(1, claimed) : claimed <= 4 ? 4 : (claimed + 7) & ~7;
        words = new long[Math.multiplyExact(capacity, stride)];
    }

    /** Makes sure slot {@code s} has a record. The array may be replaced: read {@link #words()} again after this. */
    public void fit(int s) {
        if (words == null) {
            capacity = Math.max(capacity, s + 1);
            make();
        } else if (s >= capacity) {
            int n = Math.max(capacity * 2, s + 1);
            words = Arrays.copyOf(words, Math.multiplyExact(n, stride));
            capacity = n;
        }
    }

    /** The records: word {@code k} of slot {@code s} is at {@code s * stride() + k}. */
    public long[] words() {
        if (words == null) {
            make();
        }
        return words;
    }

    /** Words per record (at least the words claimed). */
    public int stride() {
        if (words == null) {
            make();
        }
        return stride;
    }

    /** Slots with a record (every slot below this). */
    public int capacity() {
        return capacity;
    }
}

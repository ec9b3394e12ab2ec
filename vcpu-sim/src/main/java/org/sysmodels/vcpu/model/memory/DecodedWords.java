package org.sysmodels.vcpu.model.memory;

/**
 * Which 4-byte words of guest memory the interpreter decoded into blocks: per page, one bit per word, kept in chunks
 * of 512 pages made on first use (a 128 MiB guest whose code fills a few pages keeps a few bitmaps, not 32,768). A
 * store that hits a set bit makes {@link GuestMemory} drop the decoded code of that page ({@link DecodedCode}), as a
 * CPU's instruction cache must see code the program wrote (RISC-V's {@code fence.i}, which this model makes implicit).
 *
 * <p>Not thread-safe on its own: {@link GuestMemory} marks and drops under its lock, and reads {@link #of} plainly on
 * the store path (a racing mark is ordered by the lock that publishes the decoded block).
 */
final class DecodedWords {

    private static final int CHUNK_SHIFT = 9;
    private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;
    private static final int WORDS_PER_PAGE = GuestMemory.PAGE_SIZE / 4;

    private final long[][][] chunks;

    DecodedWords(int pageCount) {
        chunks = new long[(pageCount + (1 << CHUNK_SHIFT) - 1) >>> CHUNK_SHIFT][][];
    }

    /** Words {@code [first, first + count)} of page {@code i} were decoded. */
    void mark(int i, int first, int count) {
        long[][] chunk = chunks[i >>> CHUNK_SHIFT];
        if (chunk == null) {
            chunk = new long[1 << CHUNK_SHIFT][];
            chunks[i >>> CHUNK_SHIFT] = chunk;
        }
        long[] words = chunk[i & CHUNK_MASK];
        if (words == null) {
            words = new long[WORDS_PER_PAGE / 64];
            chunk[i & CHUNK_MASK] = words;
        }
        for (int w = first; w < first + count; w++) {
            words[w >>> 6] |= 1L << w;
        }
    }

    /** Page {@code i}'s bitmap (bit w = word w was decoded), or null if none of its words was. */
    long[] of(int i) {
        long[][] chunk = chunks[i >>> CHUNK_SHIFT];
        return chunk == null ? null : chunk[i & CHUNK_MASK];
    }

    /** True if any word of {@code [off, off + len)} (byte offsets in the page) was decoded; {@code words} = of(i). */
    static boolean hit(long[] words, int off, int len) {
        boolean hit = false;
        for (int w = off >>> 2, last = (off + len - 1) >>> 2; w <= last; w++) {
            hit |= (words[w >>> 6] & (1L << w)) != 0;
        }
        return hit;
    }

    /** Forgets page {@code i}'s bitmap; true if it had one (its decoded code must go too). */
    boolean drop(int i) {
        long[][] chunk = chunks[i >>> CHUNK_SHIFT];
        if (chunk != null && chunk[i & CHUNK_MASK] != null) {
            chunk[i & CHUNK_MASK] = null;
            return true;
        }
        return false;
    }
}

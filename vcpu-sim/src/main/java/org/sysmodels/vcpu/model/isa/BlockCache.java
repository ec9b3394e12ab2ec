package org.sysmodels.vcpu.model.isa;

import static org.sysmodels.vcpu.model.memory.GuestMemory.DRAM_START;
import static org.sysmodels.vcpu.model.memory.GuestMemory.PAGE_MASK;
import static org.sysmodels.vcpu.model.memory.GuestMemory.PAGE_SHIFT;
import static org.sysmodels.vcpu.model.memory.GuestMemory.PAGE_SIZE;

import org.sysmodels.vcpu.model.memory.DecodedCode;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * The blocks decoded from one guest memory, shared by its harts: per page, a table from word to the {@link Block}
 * starting there, in chunks of 512 pages made on first use (the code of a guest sits in a few pages of a large RAM).
 * A block is decoded the first time execution reaches its start; memory is told which words it covers, and a store
 * to one of them drops the page's blocks ({@link #invalidatePage}).
 *
 * <p>Threads: building and invalidating hold the memory's lock; looking up reads the tables without one (a block is
 * immutable once published through its final fields, and a stale table entry is only a block decoded again). A
 * store by one hart into code another hart runs reaches the other hart when it next looks the block up, which the
 * RISC-V spec only promises after a {@code fence.i} on the fetching hart anyway (Unprivileged ISA chapter 3).
 */
final class BlockCache implements DecodedCode {

    private static final int CHUNK_SHIFT = 9;
    private static final int WORDS = PAGE_SIZE / 4;

    private final GuestMemory mem;
    private final Block[][][] chunks;
    /** A block is translated ({@link BlockTranslator}) once it has retired this many instructions interpreted. */
    long hotAfter = BlockTranslator.HOT_AFTER;

    private BlockCache(GuestMemory mem) {
        this.mem = mem;
        this.chunks = new Block[(mem.pageCount() + (1 << CHUNK_SHIFT) - 1) >>> CHUNK_SHIFT][][];
    }

    /** The block cache of {@code mem}, made on first use. */
    static BlockCache of(GuestMemory mem) {
        DecodedCode d = mem.decodedCode();
        if (d == null) {
            d = mem.decodedCode(new BlockCache(mem));
        }
        return (BlockCache) d;
    }

    /** The block starting at {@code pc}, which must be 4-aligned and in RAM; decoded now if need be. */
    Block at(long pc) {
        int page = (int) ((pc - DRAM_START) >>> PAGE_SHIFT);
        int word = ((int) pc & PAGE_MASK) >>> 2;
        Block[][] chunk = chunks[page >>> CHUNK_SHIFT];
        if (chunk != null) {
            Block[] table = chunk[page & ((1 << CHUNK_SHIFT) - 1)];
            if (table != null) {
                Block b = table[word];
                if (b != null && b.valid) {
                    return b;
                }
            }
        }
        return build(pc, page, word);
    }

    private Block build(long pc, int page, int word) {
        synchronized (mem) {
            int n = 0;
            boolean jumps = false;
            long[] decoded = new long[WORDS - word];
            while (word + n < WORDS && !jumps) {
                long d = Decoder.decode((int) mem.read(pc + 4L * n, 4));
                decoded[n++] = d;
                jumps = Block.endsBlock(Decoded.op(d));
            }
            long[] plain = java.util.Arrays.copyOf(decoded, n);
            mem.markDecoded(page, word, n);
            // Another hart may have stored into these words after we read them and before memory knew they were
            // decoded (so its store invalidated nothing): read them again now that memory knows.
            for (int k = 0; k < n; k++) {
                if (Decoder.decode((int) mem.read(pc + 4L * k, 4)) != plain[k]) {
                    return build(pc, page, word);
                }
            }
            Block b = new Block(pc, plain, !jumps);
            Block[][] chunk = chunks[page >>> CHUNK_SHIFT];
            if (chunk == null) {
                chunk = new Block[1 << CHUNK_SHIFT][];
                chunks[page >>> CHUNK_SHIFT] = chunk;
            }
            Block[] table = chunk[page & ((1 << CHUNK_SHIFT) - 1)];
            if (table == null) {
                table = new Block[WORDS];
                chunk[page & ((1 << CHUNK_SHIFT) - 1)] = table;
            }
            table[word] = b;
            return b;
        }
    }

    /** Called by memory, holding its lock, when a store hit a decoded word of {@code page}. */
    @Override
    public void invalidatePage(int page) {
        Block[][] chunk = chunks[page >>> CHUNK_SHIFT];
        Block[] table = chunk == null ? null : chunk[page & ((1 << CHUNK_SHIFT) - 1)];
        if (table == null) {
            return;
        }
        chunk[page & ((1 << CHUNK_SHIFT) - 1)] = null;
        for (Block b : table) {
            if (b != null) {
                b.valid = false;
            }
        }
    }
}

package org.sysmodels.nvme.model.media;

import org.sysmodels.nvme.model.memory.BlockStore;

/**
 * An active namespace (NVMe 1.4 §6.1): a range of LBAs of one size, backed by a sparse {@link BlockStore}. Unwritten
 * and deallocated LBAs read as zeros, which Identify Namespace reports in DLFEAT (deallocated read behaviour 001b).
 */
public final class Namespace {

    private final int nsid;
    private final int lbaSize;
    private final int lbads;
    private final long blocks;
    private final BlockStore media;

    public Namespace(NamespaceSpec spec) {
        this.nsid = spec.nsid();
        this.lbaSize = spec.lbaSize();
        this.lbads = Integer.numberOfTrailingZeros(lbaSize);
        this.blocks = spec.blocks();
        this.media = new BlockStore(spec.bytes());
    }

    public int nsid() {
        return nsid;
    }

    public int lbaSize() {
        return lbaSize;
    }

    /** LBA Data Size as a power of two (9 or 12), as in the LBA Format descriptor. */
    public int lbads() {
        return lbads;
    }

    /** Namespace Size (NSZE) in LBAs. */
    public long blocks() {
        return blocks;
    }

    public BlockStore media() {
        return media;
    }

    /** True if LBAs [slba, slba + count) lie inside the namespace (overflow-safe). */
    public boolean inRange(long slba, long count) {
        return slba >= 0 && count >= 0 && slba <= blocks && count <= blocks - slba;
    }

    /** Byte offset of an LBA in the media. */
    public long offset(long lba) {
        return lba << lbads;
    }
}

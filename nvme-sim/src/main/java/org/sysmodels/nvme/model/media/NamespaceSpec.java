package org.sysmodels.nvme.model.media;

/**
 * A namespace to create at power-on: its ID, its LBA data size (512 or 4096 bytes) and its size in LBAs (NSZE).
 */
public record NamespaceSpec(int nsid, int lbaSize, long blocks) {

    public NamespaceSpec {
        if (nsid < 1) {
            throw new IllegalArgumentException("nsid must be at least 1, got " + nsid);
        }
        if (lbaSize != 512 && lbaSize != 4096) {
            throw new IllegalArgumentException("LBA size must be 512 or 4096 bytes, got " + lbaSize);
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("a namespace needs at least one LBA, got " + blocks);
        }
    }

    public long bytes() {
        return blocks * lbaSize;
    }
}

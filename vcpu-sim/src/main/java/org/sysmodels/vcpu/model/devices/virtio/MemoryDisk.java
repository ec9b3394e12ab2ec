package org.sysmodels.vcpu.model.devices.virtio;

import java.util.Arrays;

/** A disk image in memory, for deterministic runs and tests. */
public final class MemoryDisk implements DiskImage {

    private final byte[] data;
    private final boolean readOnly;

    public MemoryDisk(byte[] contents, boolean readOnly) {
        this.data = contents.clone();
        this.readOnly = readOnly;
    }

    public static MemoryDisk zeroed(int bytes) {
        return new MemoryDisk(new byte[bytes], false);
    }

    @Override
    public long sizeBytes() {
        return data.length;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public boolean read(long offset, byte[] buf, int off, int len) {
        if (offset < 0 || offset + len > data.length) {
            return false;
        }
        System.arraycopy(data, (int) offset, buf, off, len);
        return true;
    }

    @Override
    public boolean write(long offset, byte[] buf, int off, int len) {
        if (readOnly || offset < 0 || offset + len > data.length) {
            return false;
        }
        System.arraycopy(buf, off, data, (int) offset, len);
        return true;
    }

    @Override
    public boolean flush() {
        return true;
    }

    /** A copy of the contents. */
    public byte[] contents() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryDisk m && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}

package org.sysmodels.vcpu.model.devices.virtio;

import java.util.Optional;

/** What backs a block device: a file on the host ({@code path_on_host}) or memory. Offsets are in bytes. */
public interface DiskImage {

    long sizeBytes();

    boolean readOnly();

    /** Reads {@code len} bytes at {@code offset}; false on an I/O error. */
    boolean read(long offset, byte[] buf, int off, int len);

    /** Writes {@code len} bytes at {@code offset}; false on an I/O error (or a read-only image). */
    boolean write(long offset, byte[] buf, int off, int len);

    /** Makes writes durable (fsync); false on an I/O error. */
    boolean flush();

    /** The host file behind the image (path_on_host), or null for an image in memory. */
    default String path() {
        return null;
    }

    /**
     * The backing file's device and inode numbers as they were when it was opened, which the device's GET_ID answer
     * is built from ({@link DiskProperties}); empty for an image in memory, or where the host could not tell them.
     */
    default Optional<FileMetadata> metadata() {
        return Optional.empty();
    }
}

package org.sysmodels.vcpu.host.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.devices.virtio.FileMetadata;

/**
 * A drive backed by a host file ({@code path_on_host}), read and written with positional I/O as Firecracker's sync
 * engine does ({@code pread}/{@code pwrite}; flush is {@code fsync}). Opened when the drive is configured, as
 * {@code Block::new} opens it, so a missing file is an error of PUT /drives. Its device and inode numbers are read
 * when it is opened, as {@code DiskProperties::new} and {@code update} read them for the GET_ID id.
 */
public final class FileDisk implements DiskImage, AutoCloseable {

    private final FileChannel file;
    private final boolean readOnly;
    private final long size;
    private final String path;
    private final Optional<FileMetadata> metadata;

    private FileDisk(FileChannel file, boolean readOnly, long size, String path, Optional<FileMetadata> metadata) {
        this.file = file;
        this.readOnly = readOnly;
        this.size = size;
        this.path = path;
        this.metadata = metadata;
    }

    @Override
    public String path() {
        return path;
    }

    /**
     * Opens {@code path}, refusing first what Firecracker cannot take as a disk ({@link BackingFileKind}), so that
     * opening a FIFO never blocks. @throws IOException with the OS's reason ({@link OsError} words it)
     */
    public static FileDisk open(Path path, boolean readOnly) throws IOException {
        BackingFileKind.check(path, readOnly);
        FileChannel ch = readOnly ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FileDisk(ch, readOnly, ch.size(), path.toString(), metadata(path));
    }

    /**
     * {@code st_dev}, {@code st_rdev}, {@code st_ino} through the JDK's "unix" attribute view. Firecracker reads them
     * with {@code fstat} on the open file ({@code device.rs} {@code build_device_id}); the JDK reads them by path,
     * following links as the open did. Where the view is missing (not a Unix host) or the read fails, empty: the
     * device then answers GET_ID with zeros, Firecracker's default when the metadata cannot be read.
     */
    static Optional<FileMetadata> metadata(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,rdev,ino");
            if (a.get("dev") instanceof Long dev && a.get("rdev") instanceof Long rdev
                    && a.get("ino") instanceof Long ino) {
                return Optional.of(new FileMetadata(dev, rdev, ino));
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<FileMetadata> metadata() {
        return metadata;
    }

    @Override
    public long sizeBytes() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public boolean read(long offset, byte[] buf, int off, int len) {
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, off, len);
            long at = offset;
            while (b.hasRemaining()) {
                int n = file.read(b, at);
                if (n < 0) {
                    return false;
                }
                at += n;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean write(long offset, byte[] buf, int off, int len) {
        if (readOnly) {
            return false;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, off, len);
            long at = offset;
            while (b.hasRemaining()) {
                at += file.write(b, at);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean flush() {
        try {
            file.force(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}

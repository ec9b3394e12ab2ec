package org.sysmodels.vcpu.host.disk;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What Firecracker's {@code DiskProperties::new} does with a backing file that is not a regular file
 * ({@code src/vmm/src/devices/virtio/block/virtio/device.rs}: {@code open_file} opens it read-write, or read-only,
 * then {@code file_size} seeks to its end; either failure is {@code VirtioBlockError::BackingFile}), decided from the
 * file's type before the model opens it, so that no open can block:
 * <ul>
 *   <li>a FIFO: a read-write open never blocks on Linux ({@code fs/pipe.c} {@code fifo_open}, the O_RDWR case),
 *       and the seek fails with ESPIPE (a pipe cannot seek: {@code fs/read_write.c}, {@code vfs_llseek}): "Illegal
 *       seek (os error 29)".
 *       A read-only open blocks until a writer opens the FIFO, so Firecracker's PUT /drives would hang there; the
 *       model answers at once with the error that follows once a writer comes;</li>
 *   <li>a Unix socket: open fails with ENXIO ({@code fs/inode.c}: {@code init_special_inode} gives
 *       it {@code no_open_fops}): "No such device or
 *       address (os error 6)";</li>
 *   <li>a directory: a read-write open fails with EISDIR ({@code fs/namei.c}, {@code may_open}). A read-only open
 *       succeeds and the seek's answer depends on the filesystem (ext4 htree directories: LLONG_MAX; tmpfs:
 *       EINVAL from {@code dcache_dir_lseek}); the model refuses it with EISDIR, the error its first read would
 *       meet, rather than guess the filesystem;</li>
 *   <li>a character device such as {@code /dev/null} or {@code /dev/zero}: opened, and its end is at 0
 *       ({@code drivers/char/mem.c}, {@code null_lseek}), so it is accepted as a disk of no sectors.</li>
 * </ul>
 */
final class BackingFileKind {

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;

    private BackingFileKind() {
    }

    /** @throws FileSystemException with the OS's reason where Firecracker's open or seek of {@code path} fails */
    static void check(Path path, boolean readOnly) throws IOException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, OsError.EISDIR);
        }
        int type = mode(path) & S_IFMT;
        if (type == S_IFIFO) {
            throw new FileSystemException(path.toString(), null, OsError.ESPIPE);
        }
        if (type == S_IFSOCK) {
            throw new FileSystemException(path.toString(), null, OsError.ENXIO);
        }
    }

    /** {@code st_mode}, following links as the open does; 0 where the host has no Unix view or it cannot be read. */
    private static int mode(Path path) {
        try {
            return Files.getAttribute(path, "unix:mode") instanceof Integer m ? m : 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }
}

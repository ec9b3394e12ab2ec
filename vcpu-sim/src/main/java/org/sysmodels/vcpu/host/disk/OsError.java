package org.sysmodels.vcpu.host.disk;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Rust's {@code io::Error} text for a backing file that would not open or seek, as Firecracker prints it in a
 * BackingFile error ("No such file or directory (os error 2)"): strerror's words and the errno.
 */
public final class OsError {

    static final String EISDIR = "Is a directory";
    static final String ESPIPE = "Illegal seek";
    static final String ENXIO = "No such device or address";

    private OsError() {
    }

    /** The text for {@code e}, or null where Java does not say which error it was. */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory (os error 2)";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied (os error 13)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return switch (f.getReason()) {
                case EISDIR -> EISDIR + " (os error 21)";
                case ESPIPE -> ESPIPE + " (os error 29)";
                case ENXIO -> ENXIO + " (os error 6)";
                default -> null;
            };
        }
        return null;
    }
}

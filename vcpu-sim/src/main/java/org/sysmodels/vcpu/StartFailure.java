package org.sysmodels.vcpu;

import java.util.Optional;
import org.sysmodels.core.input.UserInputException;

/**
 * A microVM that would not start, as the command line reports it: Firecracker's InstanceStart error (HTTP 400, the
 * reason in Firecracker's words) led by the flag and value that caused it, so a student knows which flag to change.
 * A drive's backing file is opened when the block device is built (Firecracker {@code
 * src/vmm/src/devices/virtio/block/virtio/device.rs}, {@code DiskProperties::open_file} from {@code
 * DiskProperties::new}; the error is {@code VirtioBlockError::BackingFile} in {@code block/virtio/mod.rs}, "Error
 * manipulating the backing file: {io error} {path}"), so a bad {@code --drive} surfaces there as a "Drive config
 * error".
 */
final class StartFailure {

    private static final String DRIVE_ERROR = "Drive config error: ";

    private StartFailure() {
    }

    /**
     * @param drive      the {@code --drive} value, if given
     * @param lead       what leads the message when no flag is to blame (a kernel's name and ": ", or "")
     * @param startError the run's start error, in Firecracker's words
     */
    static UserInputException of(Optional<?> drive, String lead, String startError) {
        if (drive.isPresent() && startError.startsWith(DRIVE_ERROR)) {
            return failed(VcpuSystem.DRIVE.name() + " " + drive.get() + ": ", startError + hint(startError));
        }
        return failed(lead, startError);
    }

    /** What to give instead, for the backing files Firecracker cannot take as a disk (see {@code BackingFileKind}). */
    private static String hint(String startError) {
        String instead = "; " + VcpuSystem.DRIVE.name() + " needs a disk image file";
        if (startError.contains("(os error 29)")) {
            return instead + " (Firecracker takes a disk's size by seeking to its end, and a FIFO has none)";
        }
        if (startError.contains("(os error 6)")) {
            return instead + " (a socket cannot be opened as a file)";
        }
        if (startError.contains("(os error 21)")) {
            return instead + ", not a directory";
        }
        return "";
    }

    private static UserInputException failed(String lead, String startError) {
        return new UserInputException(lead + "InstanceStart failed (HTTP 400): " + startError);
    }
}

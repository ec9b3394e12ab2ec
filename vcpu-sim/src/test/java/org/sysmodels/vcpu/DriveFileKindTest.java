package org.sysmodels.vcpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;

/**
 * {@code --drive} naming what is not a regular file: a FIFO, a socket, a directory, a character device. Each gets
 * Firecracker's answer (its BackingFile error, or a disk of no sectors), at once: the 60 s limit only turns a hang
 * into a failure (a read-only FIFO used to block the open for ever); nothing asserts how long a run takes.
 */
class DriveFileKindTest {

    private static final Duration HANG = Duration.ofSeconds(60);
    private static final String LEAD = ": InstanceStart failed (HTTP 400): Drive config error: Unable to create the "
            + "virtio block device: Virtio backend error: Error manipulating the backing file: ";

    private static final String FIFO = "; --drive needs a disk image file (Firecracker takes a disk's size by "
            + "seeking to its end, and a FIFO has none)";
    private static final String DIRECTORY = "; --drive needs a disk image file, not a directory";

    final VcpuSystem system = new VcpuSystem();

    @TempDir
    Path dir;

    private RunResult run(Path drive, boolean readOnly) throws Exception {
        RunRequest req = RunRequest.ofSeed(1).withOptions(Options.parse(system.options(),
                Map.of("--drive", drive.toString())));
        if (readOnly) {
            Path sc = dir.resolve("read-only.json");
            Files.writeString(sc, "{\"guest\": \"blk\", \"drive\": {\"readOnly\": true}}");
            req = req.withScenario(sc.toString());
        } else {
            req = req.withScenario("blk");
        }
        RunRequest r = req;
        return assertTimeoutPreemptively(HANG, () -> system.run(r));
    }

    private String refused(Path drive, boolean readOnly) {
        return assertThrows(UserInputException.class, () -> run(drive, readOnly)).getMessage();
    }

    private Path fifo() throws Exception {
        Path f = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", f.toString()).start().waitFor());
        return f;
    }

    /** Opened read-write (which never blocks on Linux), then the seek to its end fails: ESPIPE. */
    @Test
    void aFifoIsAnIllegalSeek() throws Exception {
        Path f = fifo();
        assertEquals("--drive " + f + LEAD + "Illegal seek (os error 29) " + f + FIFO, refused(f, false));
    }

    /** Read-only, Firecracker's open would wait for a writer; the model answers at once, with the seek's error. */
    @Test
    void aReadOnlyFifoDoesNotHang() throws Exception {
        Path f = fifo();
        assertEquals("--drive " + f + LEAD + "Illegal seek (os error 29) " + f + FIFO, refused(f, true));
    }

    @Test
    void aSocketCannotBeOpened() throws Exception {
        Path s = dir.resolve("sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(s));
            assertEquals("--drive " + s + LEAD + "No such device or address (os error 6) " + s
                    + "; --drive needs a disk image file (a socket cannot be opened as a file)", refused(s, false));
        }
    }

    /** Read-write, the open fails with EISDIR; read-only too (the model does not guess the filesystem's seek). */
    @Test
    void aDirectoryIsADirectoryEitherWay() throws Exception {
        assertEquals("--drive " + dir + LEAD + "Is a directory (os error 21) " + dir + DIRECTORY, refused(dir, false));
        assertEquals("--drive " + dir + LEAD + "Is a directory (os error 21) " + dir + DIRECTORY, refused(dir, true));
    }

    /** /dev/null and /dev/zero end at byte 0: attached as disks of no sectors, with the simulator's note. */
    @Test
    void aCharacterDeviceIsADiskOfNoSectors() throws Exception {
        for (String dev : new String[] {"/dev/null", "/dev/zero"}) {
            RunResult r = run(Path.of(dev), false);
            assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("  note: " + dev + " is a disk of no "
                    + "sectors")), String.join("\n", r.summary()));
        }
    }
}

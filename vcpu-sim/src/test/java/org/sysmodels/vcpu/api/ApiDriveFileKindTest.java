package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PUT /drives naming a FIFO: Firecracker's {@code DiskProperties::new} opens it and seeks to its end, which a pipe
 * cannot do, so the call is HTTP 400 with the BackingFile error; read-only it answers the same at once rather than
 * block the API thread in the open. The 60 s limit only turns a hang into a failure.
 */
class ApiDriveFileKindTest {

    @TempDir
    Path dir;

    @Test
    void aFifoDriveIsRefusedAtPutDrivesAndNeverBlocks() throws Exception {
        Path f = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", f.toString()).start().waitFor());
        try (ApiHarness h = new ApiHarness()) {
            for (boolean readOnly : new boolean[] {false, true}) {
                String body = "{\"drive_id\": \"rootfs\", \"path_on_host\": \"" + f + "\", \"is_root_device\": true, "
                        + "\"is_read_only\": " + readOnly + "}";
                String reply = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> h.expect("PUT", "/drives/rootfs", body, 400, null));
                assertEquals("{\"fault_message\":\"Drive config error: Unable to create the virtio block device: "
                        + "Virtio backend error: Error manipulating the backing file: Illegal seek (os error 29) "
                        + f + "\"}", reply);
            }
        }
    }
}

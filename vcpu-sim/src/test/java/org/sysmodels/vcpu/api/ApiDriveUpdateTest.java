package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.vmm.Vmm;

/**
 * PATCH /drives as Firecracker answers it ({@code rpc_interface.rs} {@code update_block_device}): refused before the
 * microVM starts; after, a new path_on_host is opened and swapped into the running device (its capacity and bytes are
 * the new file's, GET /vm/config names it), a file that does not open is Firecracker's chain of errors, and a body
 * with neither a path nor a rate limiter is refused as a vhost-user update. GET_ID answers the backing file's id,
 * and a new file brings its own.
 */
class ApiDriveUpdateTest {

    @TempDir
    Path dir;

    @Test
    void patchDrivesAfterStartSwapsTheBackingFile() throws Exception {
        Path kernel = Files.write(dir.resolve("idle.elf"), Guests.get("idle").elf());
        Path first = Files.write(dir.resolve("first.ext4"), disk("first disk", 2));
        Path second = Files.write(dir.resolve("second.ext4"), disk("second disk", 8));
        try (ApiHarness h = new ApiHarness()) {
            h.expect("PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel + "\"}", 204, null);
            h.expect("PUT", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"path_on_host\": \"" + first
                    + "\", \"is_root_device\": true, \"is_read_only\": false}", 204, null);
            h.expect("PATCH", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"path_on_host\": \"" + second
                    + "\"}", 400, "The requested operation is not supported before starting the microVM.");
            h.expect("PUT", "/actions", "{\"action_type\": \"InstanceStart\"}", 204, null);

            h.expect("PATCH", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"path_on_host\": \""
                    + dir.resolve("missing.ext4") + "\"}", 400, "Drive config error: Unable to patch the block "
                    + "device: Block: Virtio backend error: Error manipulating the backing file: No such file or "
                    + "directory (os error 2) " + dir.resolve("missing.ext4")
                    + " Please verify the request arguments.");
            h.expect("PATCH", "/drives/rootfs", "{\"drive_id\": \"rootfs\"}", 400,
                    "Unable to patch the block device: Block: Running method expected different backend.");
            h.expect("PATCH", "/drives/data", "{\"drive_id\": \"data\", \"path_on_host\": \"" + second
                    + "\"}", 400, "Failed perform action on device: Device not found");
            assertEquals(2, capacity(h.api.vmm()), "a failed PATCH leaves the device as it was");

            h.expect("PATCH", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"path_on_host\": \"" + second
                    + "\"}", 204, null);
            assertEquals(8, capacity(h.api.vmm()), "the capacity the guest reads is the new file's");
            Block block = h.api.vmm().blocks().get(0).block();
            byte[] b = new byte[11];
            assertTrue(block.disk().read(7L * Block.SECTOR_SIZE, b, 0, b.length));
            assertEquals("second disk", new String(b, StandardCharsets.US_ASCII));
            assertEquals(second.toString(), block.disk().path());
            h.expect("GET", "/vm/config", null, 200, "\"path_on_host\":\"" + second + "\"");
        }
    }

    /**
     * GET_ID's answer comes from the backing file (its st_dev, st_rdev, st_ino as the JDK's "unix" view reads them),
     * not from drive_id, and PATCH /drives rebuilds it from the new file, as {@code DiskProperties::update} does.
     */
    @Test
    void getIdIsTheBackingFilesIdAndPatchRebuildsIt() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("unix"),
                "the JDK gives st_dev/st_rdev/st_ino on Unix hosts only");
        Path kernel = Files.write(dir.resolve("idle.elf"), Guests.get("idle").elf());
        Path first = Files.write(dir.resolve("first.ext4"), disk("first disk", 2));
        Path second = Files.write(dir.resolve("second.ext4"), disk("second disk", 8));
        try (ApiHarness h = new ApiHarness()) {
            h.expect("PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel + "\"}", 204, null);
            h.expect("PUT", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"path_on_host\": \"" + first
                    + "\", \"is_root_device\": true, \"is_read_only\": false}", 204, null);
            h.expect("PUT", "/actions", "{\"action_type\": \"InstanceStart\"}", 204, null);
            Block block = h.api.vmm().blocks().get(0).block();
            assertEquals(statId(first), new String(block.imageId(), StandardCharsets.US_ASCII));

            h.expect("PATCH", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"path_on_host\": \"" + second
                    + "\"}", 204, null);

            assertEquals(statId(second), new String(block.imageId(), StandardCharsets.US_ASCII));
            assertNotEquals(statId(first), statId(second), "two files, two inodes");
        }
    }

    /** Firecracker's id for {@code file}: "{st_dev}{st_rdev}{st_ino}", 20 bytes, zero-padded. */
    static String statId(Path file) throws Exception {
        String digits = "" + Files.getAttribute(file, "unix:dev") + Files.getAttribute(file, "unix:rdev")
                + Files.getAttribute(file, "unix:ino");
        return new String(Arrays.copyOf(digits.getBytes(StandardCharsets.US_ASCII), Block.ID_BYTES),
                StandardCharsets.US_ASCII);
    }

    /** The capacity register of the drive's virtio-mmio transport (config offset 0), as the guest reads it. */
    static long capacity(Vmm vmm) {
        Vmm.BlockDevice d = vmm.blocks().get(0);
        synchronized (d.transport()) {
            return d.transport().read(0x100, 4);
        }
    }

    static byte[] disk(String text, int sectors) {
        byte[] b = new byte[sectors * Block.SECTOR_SIZE];
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        for (int s = 0; s < sectors; s++) {
            System.arraycopy(t, 0, b, s * Block.SECTOR_SIZE, t.length);
        }
        return b;
    }
}

package org.sysmodels.vcpu.model.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sysmodels.vcpu.model.devices.BlkDriver.disk;

import org.junit.jupiter.api.Test;
import org.sysmodels.vcpu.model.devices.virtio.VirtioMmio;

/**
 * A running virtio-blk device given a new backing file (PATCH /drives after start, Firecracker's
 * {@code update_disk_image}): a driver that brought the device up through its registers reads the new capacity from
 * the configuration space after the configuration-change interrupt, and its next read returns the new file's bytes,
 * beyond the old end included.
 */
class BlockDiskUpdateTest {

    final BlkDriver driver = new BlkDriver("rootfs", disk("first disk", 2));

    @Test
    void theGuestSeesTheNewFilesCapacityAndContents() {
        driver.bringUp();
        assertEquals(2, driver.transport.read(0x100, 4), "capacity in sectors before");
        assertEquals("first disk", driver.readSector(0));
        int before = driver.irqs.get();

        driver.block.updateDiskImage(disk("second disk", 8));

        assertEquals(before + 1, driver.irqs.get(), "the device raised its interrupt");
        assertEquals(VirtioMmio.INT_CONFIG, driver.transport.read(0x60, 4) & VirtioMmio.INT_CONFIG,
                "InterruptStatus says the configuration changed");
        assertEquals(8, driver.transport.read(0x100, 4), "capacity in sectors after");
        assertEquals("second disk", driver.readSector(0));
        assertEquals("second disk", driver.readSector(7), "a sector past the old end");
    }

    @Test
    void aDeviceTheDriverHasNotActivatedTakesTheFileWithoutAnInterrupt() {
        driver.block.updateDiskImage(disk("second disk", 8));
        assertEquals(0, driver.irqs.get());
        assertEquals(8, driver.transport.read(0x100, 4));
    }
}

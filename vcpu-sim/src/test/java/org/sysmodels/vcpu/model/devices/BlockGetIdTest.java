package org.sysmodels.vcpu.model.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.sysmodels.vcpu.model.devices.BlkDriver.disk;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.devices.virtio.FileMetadata;

/**
 * VIRTIO_BLK_T_GET_ID as Firecracker answers it ({@code devices/virtio/block/virtio/device.rs}
 * {@code build_device_id}, {@code build_disk_image_id}; {@code request.rs} {@code execute}): 20 bytes made of the
 * backing file's {@code st_dev}, {@code st_rdev} and {@code st_ino} in decimal, one after the other, cut to 20 and
 * zero-padded; zeros when there is no metadata; the API's drive_id plays no part; a new backing file brings its id.
 */
class BlockGetIdTest {

    @Test
    void getIdAnswersTheBackingFilesDeviceAndInodeNumbersNotTheDriveId() {
        BlkDriver d = new BlkDriver("rootfs", withMetadata(disk("x", 2), new FileMetadata(2049, 0, 131074)));
        d.bringUp();

        long used = d.request(Block.T_GET_ID, 0, 32);

        assertEquals(Block.S_OK, d.mem.read(BlkDriver.STATUS, 1));
        assertEquals(Block.ID_BYTES + 1, used, "20 id bytes and the status byte");
        byte[] expected = Arrays.copyOf("20490131074".getBytes(StandardCharsets.US_ASCII), 32);
        Arrays.fill(expected, Block.ID_BYTES, 32, (byte) 0xAA);
        assertArrayEquals(expected, d.data(32), "the id zero-padded to 20 bytes; the rest of the buffer untouched");
    }

    @Test
    void anIdLongerThan20DigitsIsCut() {
        BlkDriver d = new BlkDriver("rootfs", withMetadata(disk("x", 2), new FileMetadata(-1, 7, 42)));
        d.bringUp();
        d.request(Block.T_GET_ID, 0, Block.ID_BYTES);
        assertEquals("18446744073709551615", new String(d.data(Block.ID_BYTES), StandardCharsets.US_ASCII),
                "st_dev is unsigned: u64::MAX has 20 digits, st_rdev and st_ino fall off");
    }

    @Test
    void aDiskWithoutMetadataAnswersZeros() {
        BlkDriver d = new BlkDriver("rootfs", disk("x", 2));
        d.bringUp();
        d.request(Block.T_GET_ID, 0, Block.ID_BYTES);
        assertArrayEquals(new byte[Block.ID_BYTES], d.data(Block.ID_BYTES));
    }

    @Test
    void aNewBackingFileBringsItsOwnId() {
        BlkDriver d = new BlkDriver("rootfs", withMetadata(disk("first", 2), new FileMetadata(66306, 0, 12)));
        d.bringUp();
        d.request(Block.T_GET_ID, 0, Block.ID_BYTES);
        assertEquals("66306012", new String(d.data(Block.ID_BYTES), StandardCharsets.US_ASCII).trim());

        d.block.updateDiskImage(withMetadata(disk("second", 8), new FileMetadata(66306, 0, 13)));

        d.request(Block.T_GET_ID, 0, Block.ID_BYTES);
        assertEquals("66306013", new String(d.data(Block.ID_BYTES), StandardCharsets.US_ASCII).trim());
        assertArrayEquals(d.data(Block.ID_BYTES), d.block.imageId());
    }

    @Test
    void theIdIsTheFirst20BytesOfTheUnsignedDecimalsZeroPadded() {
        Props.property().forAll(longs().all(), longs().all(), longs().all()).checkAssert((dev, rdev, ino) -> {
            Block b = new BlkDriver("d", withMetadata(disk("x", 1), new FileMetadata(dev, rdev, ino))).block;
            String digits = unsigned(dev) + unsigned(rdev) + unsigned(ino);
            byte[] expected = new byte[Block.ID_BYTES];
            for (int i = 0; i < Math.min(digits.length(), Block.ID_BYTES); i++) {
                expected[i] = (byte) digits.charAt(i);
            }
            assertArrayEquals(expected, b.imageId());
        });
    }

    /** {@code v} read as the u64 the kernel stores, by arithmetic independent of Long.toUnsignedString. */
    static String unsigned(long v) {
        return BigInteger.valueOf(v).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)).toString();
    }

    /** {@code inner} as if it were a host file with these {@code stat} numbers. */
    static DiskImage withMetadata(DiskImage inner, FileMetadata metadata) {
        return new DiskImage() {
            @Override
            public long sizeBytes() {
                return inner.sizeBytes();
            }

            @Override
            public boolean readOnly() {
                return inner.readOnly();
            }

            @Override
            public boolean read(long offset, byte[] buf, int off, int len) {
                return inner.read(offset, buf, off, len);
            }

            @Override
            public boolean write(long offset, byte[] buf, int off, int len) {
                return inner.write(offset, buf, off, len);
            }

            @Override
            public boolean flush() {
                return inner.flush();
            }

            @Override
            public Optional<FileMetadata> metadata() {
                return Optional.of(metadata);
            }
        };
    }
}

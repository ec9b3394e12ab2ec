package org.sysmodels.sensor.host.safety;

/**
 * CRC-32 as the STM32 CRC unit computes it by default: polynomial 0x04C11DB7, initial value 0xFFFFFFFF, bits not
 * reflected, no final XOR (the CRC-32/MPEG-2 parameters). A 32-bit signature detects every error of up to 3 bits
 * in blocks this size, the "signature of a double word" that IEC 61508-2 Table A.4 rates high for invariable memory.
 */
public final class Crc32 {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000_0000) != 0 ? (c << 1) ^ 0x04C1_1DB7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32() {
    }

    /** CRC of {@code len} bytes from {@code off}. */
    public static int of(byte[] b, int off, int len) {
        int crc = 0xFFFF_FFFF;
        for (int i = off; i < off + len; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b[i]) & 0xFF];
        }
        return crc;
    }
}

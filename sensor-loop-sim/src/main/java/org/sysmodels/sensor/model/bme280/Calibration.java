package org.sysmodels.sensor.model.bme280;

/**
 * The trimming parameters a BME280 stores in its NVM, with the types of the data sheet (BST-BME280-DS001, Table 16):
 * T1 and P1 unsigned 16-bit; T2, T3, P2–P9 and H2 signed 16-bit, little-endian; H1 and H3 unsigned 8-bit; H6 signed
 * 8-bit; H4 and H5 signed 12-bit, packed across 0xE4–0xE6 with 0xE5 shared between them (H4 = 0xE4·16 + 0xE5[3:0],
 * H5 = 0xE6·16 + 0xE5[7:4]; the most significant byte is signed, as Bosch's BME280_SensorAPI
 * {@code parse_humidity_calib_data} reads it).
 */
public record Calibration(int t1, int t2, int t3,
                          int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
                          int h1, int h2, int h3, int h4, int h5, int h6) {

    /** Bytes 0x88–0xA1 (0xA0 is reserved): T1–T3, P1–P9, then H1 at 0xA1. */
    public static final int TP_BLOCK = 26;
    /** Bytes 0xE1–0xE7: H2–H6. */
    public static final int H_BLOCK = 7;

    /**
     * The example part of Bosch's BMP280 data sheet (BST-BMP280-DS001 §3.12: T1..P9) with humidity trimming of the
     * size real BME280 parts report (H1 = 75, H2 = 362, H3 = 0, H4 = 324, H5 = 50, H6 = 30); the humidity values are
     * illustrative, not a specific part.
     */
    public static final Calibration TYPICAL = new Calibration(27504, 26435, -1000,
            36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
            75, 362, 0, 324, 50, 30);

    public Calibration {
        check("dig_T1", t1, 0, 0xFFFF);
        check("dig_T2", t2, Short.MIN_VALUE, Short.MAX_VALUE);
        check("dig_T3", t3, Short.MIN_VALUE, Short.MAX_VALUE);
        check("dig_P1", p1, 0, 0xFFFF);
        for (int p : new int[] {p2, p3, p4, p5, p6, p7, p8, p9}) {
            check("dig_P2..P9", p, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        check("dig_H1", h1, 0, 0xFF);
        check("dig_H2", h2, Short.MIN_VALUE, Short.MAX_VALUE);
        check("dig_H3", h3, 0, 0xFF);
        check("dig_H4", h4, -2048, 2047);
        check("dig_H5", h5, -2048, 2047);
        check("dig_H6", h6, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    private static void check(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " = " + v + " does not fit its type (" + min + ".." + max + ")");
        }
    }

    /**
     * Reads the two calibration blocks as the sensor returns them.
     *
     * @param tp 26 bytes from 0x88 (T1..P9, a reserved byte at 0xA0, H1 at 0xA1)
     * @param h  7 bytes from 0xE1 (H2..H6)
     */
    public static Calibration parse(byte[] tp, byte[] h) {
        if (tp.length < TP_BLOCK || h.length < H_BLOCK) {
            throw new IllegalArgumentException("calibration needs " + TP_BLOCK + " bytes from 0x88 and " + H_BLOCK
                    + " bytes from 0xE1");
        }
        return new Calibration(u16(tp, 0), s16(tp, 2), s16(tp, 4),
                u16(tp, 6), s16(tp, 8), s16(tp, 10), s16(tp, 12), s16(tp, 14), s16(tp, 16), s16(tp, 18),
                s16(tp, 20), s16(tp, 22),
                tp[25] & 0xFF, s16(h, 0), h[2] & 0xFF,
                h[3] * 16 | (h[4] & 0x0F),
                h[5] * 16 | ((h[4] & 0xFF) >>> 4),
                h[6]);
    }

    /** The 26 bytes the sensor holds at 0x88–0xA1 (0xA0 reads 0). */
    public byte[] tpBlock() {
        byte[] b = new byte[TP_BLOCK];
        int[] words = {t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9};
        for (int i = 0; i < words.length; i++) {
            b[2 * i] = (byte) words[i];
            b[2 * i + 1] = (byte) (words[i] >> 8);
        }
        b[25] = (byte) h1;
        return b;
    }

    /** The 7 bytes the sensor holds at 0xE1–0xE7, with H4 and H5 sharing 0xE5. */
    public byte[] hBlock() {
        return new byte[] {(byte) h2, (byte) (h2 >> 8), (byte) h3, (byte) (h4 >> 4),
                (byte) ((h4 & 0x0F) | (h5 & 0x0F) << 4), (byte) (h5 >> 4), (byte) h6};
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int s16(byte[] b, int i) {
        return (short) u16(b, i);
    }
}

package org.sysmodels.sensor.model.bme280;

/** BME280 register addresses and values (BST-BME280-DS001 §5.3–§5.4, Table 18). */
public final class Bme280Registers {

    public static final int CALIB_TP = 0x88;
    public static final int CALIB_H1 = 0xA1;
    public static final int ID = 0xD0;
    public static final int RESET = 0xE0;
    public static final int CALIB_H = 0xE1;
    public static final int CTRL_HUM = 0xF2;
    public static final int STATUS = 0xF3;
    public static final int CTRL_MEAS = 0xF4;
    public static final int CONFIG = 0xF5;
    /** press_msb; the burst 0xF7–0xFE holds press[19:0], temp[19:0], hum[15:0]. */
    public static final int DATA = 0xF7;
    public static final int DATA_LENGTH = 8;

    /** chip_id: "can be read as soon as the device finished the power-on-reset" (§5.4.1). */
    public static final int CHIP_ID = 0x60;
    /** Writing 0xB6 to reset performs a complete power-on reset; other values are ignored (§5.4.2). */
    public static final int SOFT_RESET = 0xB6;
    /** status.measuring (bit 3): a conversion is running. */
    public static final int STATUS_MEASURING = 0x08;
    /** status.im_update (bit 0): NVM data are being copied to image registers. */
    public static final int STATUS_IM_UPDATE = 0x01;

    /** I2C addresses: 0x76 with SDO to GND, 0x77 with SDO to VDDIO (§6.2). */
    public static final int ADDRESS_SDO_LOW = 0x76;
    public static final int ADDRESS_SDO_HIGH = 0x77;

    /** Raw values of a skipped measurement (Tables 20, 23, 24). */
    public static final int SKIPPED_20 = 0x80000;
    public static final int SKIPPED_16 = 0x8000;

    private Bme280Registers() {
    }

    /** adc_P (20-bit) from the data burst. */
    public static int adcP(byte[] b, int off) {
        return (b[off] & 0xFF) << 12 | (b[off + 1] & 0xFF) << 4 | (b[off + 2] & 0xFF) >>> 4;
    }

    /** adc_T (20-bit) from the data burst. */
    public static int adcT(byte[] b, int off) {
        return (b[off + 3] & 0xFF) << 12 | (b[off + 4] & 0xFF) << 4 | (b[off + 5] & 0xFF) >>> 4;
    }

    /** adc_H (16-bit) from the data burst. */
    public static int adcH(byte[] b, int off) {
        return (b[off + 6] & 0xFF) << 8 | (b[off + 7] & 0xFF);
    }
}

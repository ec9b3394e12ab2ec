package org.sysmodels.sensor.model.io;

/**
 * A page of flash holding the firmware's stored parameters (trip limits, tolerances) and their CRC. It survives
 * resets, so a corrupted parameter stays corrupted: the firmware must check it at start-up and periodically
 * (IEC 61508-2 Table A.4, invariable memory: a signature such as a CRC).
 */
public final class ParameterFlash {

    private final byte[] bytes;
    /** Programs and corruptions so far: equal counts mean equal contents (lets a reader reuse a result). */
    private long writes;

    public ParameterFlash(int size) {
        bytes = new byte[size];
    }

    public int size() {
        return bytes.length;
    }

    public int read(int offset) {
        return bytes[offset] & 0xFF;
    }

    /** How many times the page was programmed or corrupted: unchanged means the contents are unchanged. */
    public long writes() {
        return writes;
    }

    /** Copies {@code len} bytes from {@code offset} into {@code into}. */
    public void read(int offset, byte[] into, int len) {
        System.arraycopy(bytes, offset, into, 0, len);
    }

    /** Programs the page (at manufacture; not a firmware operation here). */
    public void program(byte[] content) {
        if (content.length > bytes.length) {
            throw new IllegalArgumentException("parameters of " + content.length + " bytes do not fit a page of "
                    + bytes.length);
        }
        writes++;
        java.util.Arrays.fill(bytes, (byte) 0xFF);
        System.arraycopy(content, 0, bytes, 0, content.length);
    }

    /** Fault: flips the bits of {@code mask} in byte {@code offset} (a retention or disturb error). */
    public void corrupt(int offset, int mask) {
        writes++;
        bytes[offset] ^= (byte) mask;
    }
}

package org.sysmodels.sensor.scenario;

/** Hex dumps as people paste them: "88 6b 3a ...", "0x88,0x6b", "886b3a..." (spaces, commas, colons, 0x ignored). */
public final class Hex {

    private Hex() {
    }

    /** The bytes, or an IllegalArgumentException saying what is wrong. */
    public static byte[] parse(String text) {
        String t = text.replace("0x", "").replace("0X", "").replaceAll("[\\s,:;_-]", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no hex digits");
        }
        if (t.length() % 2 != 0) {
            throw new IllegalArgumentException(t.length() + " hex digits: an odd number, so not whole bytes");
        }
        byte[] out = new byte[t.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(t.charAt(2 * i), 16);
            int lo = Character.digit(t.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("\"" + t.substring(2 * i, 2 * i + 2) + "\" (byte " + i
                        + ") is not hex");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    public static String format(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("%02x", b[i] & 0xFF));
        }
        return s.toString();
    }
}

package org.sysmodels.sensor.scenario;

/** Hex dumps as people paste them: "88 6b 3a ...", "0x88,0x6b", "886b3a..." (spaces, commas, colons, 0x ignored). */
public final class Hex {

    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

    private Hex() {
    }

    /** The bytes, or an IllegalArgumentException saying what is wrong. */
    public static byte[] parse(String text) {
        String t = text.replace("0x", "").replace("0X", "").replaceAll("[\\s,:;_-]", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no hex digits");
        }
        for (int i = 0; i < t.length(); i++) {
            if (HEX_DIGITS.indexOf(t.charAt(i)) < 0) {
                throw new IllegalArgumentException("\"" + t.charAt(i) + "\" (in byte " + i / 2 + ") is not a hex "
                        + "digit; use 0-9 and a-f");
            }
        }
        if (t.length() % 2 != 0) {
            throw new IllegalArgumentException(t.length() + " hex digits: an odd number, so not whole bytes");
        }
        byte[] out = new byte[t.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(t.charAt(2 * i), 16) << 4 | Character.digit(t.charAt(2 * i + 1), 16));
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

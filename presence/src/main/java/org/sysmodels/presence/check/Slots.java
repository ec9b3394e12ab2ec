package org.sysmodels.presence.check;

import java.util.Arrays;

/** Growable per-session and per-user arrays for checks (slots are reused, so each check resets on open). */
final class Slots {

    private Slots() {
    }

    static int[] fit(int[] a, int i, int fill) {
        if (i < a.length) {
            return a;
        }
        int old = a.length;
        int[] b = Arrays.copyOf(a, Math.max(old * 2, i + 1));
        Arrays.fill(b, old, b.length, fill);
        return b;
    }

    static long[] fit(long[] a, int i) {
        return i < a.length ? a : Arrays.copyOf(a, Math.max(a.length * 2, i + 1));
    }

    static byte[] fit(byte[] a, int i) {
        return i < a.length ? a : Arrays.copyOf(a, Math.max(a.length * 2, i + 1));
    }
}

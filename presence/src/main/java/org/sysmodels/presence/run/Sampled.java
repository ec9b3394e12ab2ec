package org.sysmodels.presence.run;

import java.util.function.IntPredicate;

/**
 * The sampled sessions: every slot divisible by the stride (none when the scenario samples none). Asked for every
 * delivery, so the test is a multiplication instead of a division: {@code n} is divisible by {@code d} exactly when
 * {@code n · ⌈2^64 / d⌉ mod 2^64 < ⌈2^64 / d⌉} (Lemire, Kaser and Kurz, "Faster Remainder by Direct Computation",
 * Software: Practice and Experience 49(6), 2019, for 32-bit {@code n} and {@code d}).
 */
final class Sampled implements IntPredicate {

    private final boolean any;
    private final int stride;
    private final long magic;

    Sampled(boolean any, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride " + stride + " < 1");
        }
        this.any = any;
        this.stride = stride;
        this.magic = stride == 1 ? 0 : Long.divideUnsigned(-1L, stride) + 1;
    }

    @Override
    public boolean test(int s) {
        if (!any) {
            return false;
        }
        if (s < 0 || stride == 1) {
            return s % stride == 0;
        }
        return Long.compareUnsigned(s * magic, magic) < 0;
    }
}

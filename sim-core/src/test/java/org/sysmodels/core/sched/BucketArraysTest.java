package org.sysmodels.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BucketArraysTest {

    @Test
    void anArrayGivenBackIsTakenAgainInsteadOfMakingOne() {
        BucketArrays arrays = new BucketArrays();
        int[] a = arrays.take(64);
        arrays.give(a);
        assertSame(a, arrays.take(64));
        assertEquals(64, arrays.held());
    }

    @Test
    void trimLetsGoOfLengthsNotTakenSinceThePreviousTrim() {
        BucketArrays arrays = new BucketArrays();
        // a start-up bucket grows 8 → 1,024 once; afterwards only 8 and 16 are used
        int[] big = arrays.take(8);
        for (int n = 8; n < 1024; n *= 2) {
            big = arrays.grow(big, n);
        }
        arrays.give(big);
        assertEquals(2040, arrays.held());
        // the lengths taken before the first trim are kept through it
        assertEquals(0, arrays.trim());
        int[] small = arrays.take(8);
        int[] medium = arrays.take(16);
        arrays.give(small);
        arrays.give(medium);
        assertEquals(2040 - 8 - 16, arrays.trim(), "32 to 1,024 were not taken since the previous trim");
        assertEquals(24, arrays.held());
        assertSame(small, arrays.take(8), "a length in use is still reused");
        assertEquals(16, arrays.trim(), "16 waited a whole period without being taken");
        assertEquals(8, arrays.held(), "the 8 in use");
        assertNotSame(medium, arrays.take(16), "a length let go is made again when needed");
        assertEquals(24, arrays.held());
    }
}

package org.sysmodels.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SimTimeTest {

    @Test
    void parsesUnits() {
        assertEquals(250, SimTime.parse("250ns"));
        assertEquals(80_000, SimTime.parse("80us"));
        assertEquals(80_000, SimTime.parse("80µs"));
        assertEquals(1_500_000, SimTime.parse("1.5ms"));
        assertEquals(2_000_000_000L, SimTime.parse(" 2 s "));
    }

    @Test
    void rejectsNonsense() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimTime.parse("3 parsecs"));
        assertEquals("\"3 parsecs\" is not a duration; use a number with a unit: ns, us, ms or s (e.g. 250us, 1.5ms)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimTime.parse("-1ms"));
        assertThrows(IllegalArgumentException.class, () -> SimTime.parse("99999999999s"));
    }

    @Test
    void refusesABareNumberAsTheCommandLineDoes() {
        for (String bare : new String[] {"20", " 20 ", "0", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimTime.parse(bare));
            String n = bare.strip();
            assertEquals("\"" + n + "\" has no unit; write it with one: ns, us, ms or s (e.g. \"" + n + " us\")",
                    e.getMessage());
        }
    }

    @Test
    void formats() {
        assertEquals("999 ns", SimTime.format(999));
        assertEquals("1.000 us", SimTime.format(1000));
        assertEquals("16.667 ms", SimTime.format(16_666_667));
        assertEquals("2.500 s", SimTime.format(2_500_000_000L));
    }

    @Test
    void parsesExactlyUpToTheLargestDuration() {
        assertEquals(Long.MAX_VALUE, SimTime.parse("9223372036854775807ns"));
        assertEquals(Long.MAX_VALUE, SimTime.parse("9223372036854775.807us"));
        assertEquals(9_007_199_254_740_993L, SimTime.parse("9007199254740993ns"), "past 2^53, to the nanosecond");
        assertEquals(9_223_372_036_000_000_000L, SimTime.parse("9223372036s"));
        for (String tooLong : new String[] {"9223372036854775808ns", "9223372036854775.8075us", "9223372037s",
            "99999999999999999999999999ms"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimTime.parse(tooLong));
            assertEquals("\"" + tooLong + "\" is too long a duration", e.getMessage());
        }
    }

    @Test
    void fractionsOfANanosecondRoundHalfUp() {
        assertEquals(0, SimTime.parse("0.4999ns"));
        assertEquals(1, SimTime.parse("0.5ns"));
        assertEquals(1, SimTime.parse("0.0005us"));
        assertEquals(1_000_001, SimTime.parse("1.0000005ms"), "an exact half, which a double product misses");
        assertEquals(100, SimTime.parse("0.1us"));
        assertEquals(0, SimTime.parse("0s"));
        assertEquals(80_000, SimTime.parse("\t80 us\n"));
    }

    @Test
    void rejectsOtherForms() {
        for (String bad : new String[] {"", " ", "ms", "1e3ns", "1,5ms", ".5ms", "5.ms", "1 h", "5MS", "+5ns", "٣ns"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimTime.parse(bad),
                    "\"" + bad + "\"");
            assertEquals("\"" + bad + "\" is not a duration; use a number with a unit: ns, us, ms or s "
                    + "(e.g. 250us, 1.5ms)", e.getMessage());
        }
    }

    @Test
    void formatsAtEachUnitsBoundary() {
        assertEquals("0 ns", SimTime.format(0));
        assertEquals("-999 ns", SimTime.format(-999));
        assertEquals("-1.000 us", SimTime.format(-1000));
        assertEquals("999.999 us", SimTime.format(999_999));
        assertEquals("1.000 ms", SimTime.format(1_000_000));
        assertEquals("-1.000 ms", SimTime.format(-1_000_000));
        assertEquals("999.999 ms", SimTime.format(999_999_000));
        assertEquals("1.000 s", SimTime.format(1_000_000_000));
        assertEquals("-1.500 s", SimTime.format(-1_500_000_000));
        assertEquals("9223372036.855 s", SimTime.format(Long.MAX_VALUE));
    }
}

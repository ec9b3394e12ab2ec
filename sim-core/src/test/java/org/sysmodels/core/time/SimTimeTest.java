package org.sysmodels.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SimTimeTest {

    @Test
    void parsesUnits() {
        assertEquals(250, SimTime.parse("250"));
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
    void formats() {
        assertEquals("999 ns", SimTime.format(999));
        assertEquals("1.000 us", SimTime.format(1000));
        assertEquals("16.667 ms", SimTime.format(16_666_667));
        assertEquals("2.500 s", SimTime.format(2_500_000_000L));
    }
}

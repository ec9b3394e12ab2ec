package org.sysmodels.core.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionSpecTest {

    static final OptionSpec<Integer> DEPTH = OptionSpec.integer("--iodepth", "N", 1, 4096, "requests in flight");
    static final OptionSpec<Long> SERVICE = OptionSpec.duration("--mean-service", "TIME", 1, 1_000_000_000L,
            "mean service time");
    static final OptionSpec<Boolean> SWEEP = OptionSpec.flag("--sweep", "sweep");

    enum Mode { DETERMINISTIC, THREADED }

    @Test
    void valuesParseAndReadBackByTheirSpec() throws Exception {
        Options o = Options.parse(List.of(DEPTH, SERVICE, SWEEP), Map.of("--iodepth", "8", "--mean-service",
                "10us", "--sweep", "true"));
        assertEquals(8, o.get(DEPTH).orElseThrow());
        assertEquals(10_000L, o.get(SERVICE).orElseThrow());
        assertTrue(o.isSet(SWEEP));
        assertFalse(Options.none().has(DEPTH));
    }

    @Test
    void outOfRangeAndMalformedValuesNameTheFlagAndWhatIsAllowed() {
        OptionException e = assertThrows(OptionException.class, () -> DEPTH.parse("0"));
        assertEquals("--iodepth: 0 is out of range; allowed: 1 to 4,096", e.getMessage());
        e = assertThrows(OptionException.class, () -> DEPTH.parse("many"));
        assertTrue(e.getMessage().startsWith("--iodepth: \"many\" is not a whole number"), e.getMessage());
    }

    @Test
    void aDurationWithoutAUnitIsRefusedRatherThanGuessed() {
        OptionException e = assertThrows(OptionException.class, () -> SERVICE.parse("10"));
        assertEquals("--mean-service: \"10\" has no unit; write it with one: ns, us, ms or s (e.g. 10us)",
                e.getMessage());
    }

    @Test
    void enumChoicesAreLowerCaseWords() throws Exception {
        OptionSpec<Mode> mode = OptionSpec.choice("--mode", "MODE", Mode.class, "how");
        assertEquals(Mode.THREADED, mode.parse("threaded"));
        OptionException e = assertThrows(OptionException.class, () -> mode.parse("fast"));
        assertEquals("--mode: \"fast\" is not one of deterministic, threaded", e.getMessage());
    }

    @Test
    void unknownFlagsAreRefused() {
        assertThrows(OptionException.class, () -> Options.parse(List.of(DEPTH), Map.of("--depth", "3")));
    }
}

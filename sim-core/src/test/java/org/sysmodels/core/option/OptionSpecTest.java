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

    private static String refused(OptionSpec<?> spec, String text) {
        return assertThrows(OptionException.class, () -> spec.parse(text)).getMessage();
    }

    @Test
    void anOptionNameIsTwoDashesAndAWord() {
        assertEquals("--x", OptionSpec.flag("--x", "short").name());
        for (String bad : new String[] {"--", "-x", "iodepth", "--io depth", "—iodepth"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OptionSpec.flag(bad, "help"));
            assertEquals("an option name looks like \"--iodepth\": \"" + bad + "\"", e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> new OptionSpec<>(null, "N", "h", null, t -> t));
        assertThrows(NullPointerException.class, () -> new OptionSpec<>("--a", "N", null, null, t -> t));
        assertThrows(NullPointerException.class, () -> new OptionSpec<String>("--a", "N", "h", null, null));
    }

    @Test
    void aFlagTakesNoValueAndIsTrueWhenGiven() throws Exception {
        assertTrue(SWEEP.isFlag());
        assertEquals(null, SWEEP.label());
        assertTrue(SWEEP.parse("anything"));
        assertFalse(DEPTH.isFlag());
        assertEquals("N", DEPTH.label());
        assertEquals("requests in flight", DEPTH.help());
    }

    @Test
    void withDefaultChangesOnlyTheHelpText() throws Exception {
        OptionSpec<Integer> d = DEPTH.withDefault("the scenario's");
        assertEquals("the scenario's", d.defaultText());
        assertEquals(null, DEPTH.defaultText());
        assertEquals(new OptionSpec<>(DEPTH.name(), DEPTH.label(), DEPTH.help(), "the scenario's", DEPTH.parser()), d);
        assertEquals(17, d.parse("17"));
    }

    @Test
    void integersAcceptTheirWholeRangeAndNothingBeyond() throws Exception {
        assertEquals(1, DEPTH.parse("1"));
        assertEquals(4096, DEPTH.parse("4096"));
        assertEquals(4096, DEPTH.parse(" 4_096 "), "spaces around and underscores between digits");
        assertEquals("--iodepth: 4097 is out of range; allowed: 1 to 4,096", refused(DEPTH, "4097"));
        assertEquals("--iodepth: -5 is out of range; allowed: 1 to 4,096", refused(DEPTH, "-5"));
        assertEquals("--iodepth: \"1.5\" is not a whole number; allowed: 1 to 4,096", refused(DEPTH, "1.5"));
        assertEquals("--iodepth: \"\" is not a whole number; allowed: 1 to 4,096", refused(DEPTH, ""));
        OptionSpec<Integer> only = OptionSpec.integer("--cpus", "N", 1, 1, "exactly one");
        assertEquals(1, only.parse("1"));
        assertEquals("--cpus: \"one\" is not a whole number", refused(only, "one"));
        assertEquals("--cpus: 2 is out of range; allowed: 1 to 1", refused(only, "2"));
        OptionSpec<Integer> all = OptionSpec.integer("--any", "N", Integer.MIN_VALUE, Integer.MAX_VALUE, "any");
        assertEquals(Integer.MIN_VALUE, all.parse(String.valueOf(Integer.MIN_VALUE)));
        assertEquals(Integer.MAX_VALUE, all.parse(String.valueOf(Integer.MAX_VALUE)));
        assertEquals("--any: 2147483648 is out of range; allowed: -2,147,483,648 to 2,147,483,647",
                refused(all, "2147483648"), "a value past int is refused, not wrapped");
    }

    @Test
    void countsAreLongsInTheirRange() throws Exception {
        OptionSpec<Long> ios = OptionSpec.count("--ios", "N", 0, 10_000_000_000L, "how many I/Os");
        assertEquals(0L, ios.parse("0"));
        assertEquals(10_000_000_000L, ios.parse("10_000_000_000"));
        assertEquals("--ios: 10000000001 is out of range; allowed: 0 to 10,000,000,000",
                refused(ios, "10000000001"));
        assertEquals("--ios: -1 is out of range; allowed: 0 to 10,000,000,000", refused(ios, "-1"));
        assertEquals("--ios: \"99999999999999999999\" is not a whole number; allowed: 0 to 10,000,000,000",
                refused(ios, "99999999999999999999"));
    }

    @Test
    void decimalsAcceptTheirClosedRange() throws Exception {
        OptionSpec<Double> load = OptionSpec.decimal("--load", "RHO", 0, 0.95, "utilisation");
        assertEquals(0.0, load.parse("0"));
        assertEquals(0.95, load.parse("0.95"));
        assertEquals(0.5, load.parse(" .5 "));
        assertEquals("--load: 0.951 is out of range; allowed: 0 to 0.95", refused(load, "0.951"));
        assertEquals("--load: -0.1 is out of range; allowed: 0 to 0.95", refused(load, "-0.1"));
        assertEquals("--load: NaN is out of range; allowed: 0 to 0.95", refused(load, "NaN"));
        assertEquals("--load: \"half\" is not a number", refused(load, "half"));
        OptionSpec<Double> big = OptionSpec.decimal("--rate", "R", 1, 1e15, "rate");
        assertEquals("--rate: 0.5 is out of range; allowed: 1 to 1.0E15", refused(big, "0.5"));
        assertEquals(1e15, big.parse("1e15"));
        OptionSpec<Double> neg = OptionSpec.decimal("--gain", "G", -2.5, 3, "gain");
        assertEquals("--gain: 4 is out of range; allowed: -2.5 to 3", refused(neg, "4"));
        assertEquals(-2.5, neg.parse("-2.5"));
    }

    @Test
    void durationsNeedAUnitAndStayInTheirRange() throws Exception {
        assertEquals(1L, SERVICE.parse("1ns"));
        assertEquals(1_000_000_000L, SERVICE.parse("1s"));
        assertEquals(1_500_000L, SERVICE.parse(" 1.5ms "));
        assertEquals("--mean-service: 0ns is out of range; allowed: 1 ns to 1.000 s", refused(SERVICE, "0ns"));
        assertEquals("--mean-service: 1000000001ns is out of range; allowed: 1 ns to 1.000 s",
                refused(SERVICE, "1000000001ns"));
        assertEquals("--mean-service: \"2.5\" has no unit; write it with one: ns, us, ms or s (e.g. 2.5us)",
                refused(SERVICE, "2.5"));
        assertEquals("--mean-service: \"\" is not a duration; use a number with a unit: ns, us, ms or s "
                + "(e.g. 250us, 1.5ms)", refused(SERVICE, ""));
        assertEquals("--mean-service: \"soon\" is not a duration; use a number with a unit: ns, us, ms or s "
                + "(e.g. 250us, 1.5ms)", refused(SERVICE, "soon"));
    }

    @Test
    void sizesTakeFioUnitsAndStayInTheirRange() throws Exception {
        OptionSpec<Long> bs = OptionSpec.size("--bs", "SIZE", 512, 1L << 20, "block size");
        assertEquals(512L, bs.parse("512"));
        assertEquals(4096L, bs.parse("4k"));
        assertEquals(1L << 20, bs.parse("1MiB"));
        assertEquals("--bs: 511 is out of range; allowed: 512 B to 1 MiB", refused(bs, "511"));
        assertEquals("--bs: 1025k is out of range; allowed: 512 B to 1 MiB", refused(bs, "1025k"));
        assertEquals("--bs: \"big\" is not a size; use bytes or a number with k, m, g (e.g. 4096, 4k, 128KiB, 1g)",
                refused(bs, "big"));
    }

    @Test
    void choicesOfWordsMatchExactly() throws Exception {
        OptionSpec<String> policy = OptionSpec.choice("--policy", "P", List.of("fifo", "lifo"), "order");
        assertEquals("fifo", policy.parse("fifo"));
        assertEquals("lifo", policy.parse("lifo"));
        assertEquals("--policy: \"FIFO\" is not one of fifo, lifo", refused(policy, "FIFO"));
        assertEquals("--policy: \"\" is not one of fifo, lifo", refused(policy, ""));
    }

    enum Sched { ROUND_ROBIN, FIFO }

    @Test
    void enumChoicesAreWrittenWithDashes() throws Exception {
        OptionSpec<Sched> s = OptionSpec.choice("--sched", "S", Sched.class, "scheduler");
        assertEquals(Sched.ROUND_ROBIN, s.parse("round-robin"));
        assertEquals(Sched.FIFO, s.parse("fifo"));
        assertEquals("--sched: \"round_robin\" is not one of round-robin, fifo", refused(s, "round_robin"));
        assertEquals("round-robin", OptionSpec.word(Sched.ROUND_ROBIN));
    }

    @Test
    void textAndPathsMustNotBeEmpty() throws Exception {
        OptionSpec<String> name = OptionSpec.text("--name", "NAME", "a name");
        assertEquals("disk 1", name.parse("disk 1"));
        assertEquals("--name: must not be empty", refused(name, ""));
        assertEquals("--name: must not be empty", refused(name, "  "));
        OptionSpec<java.nio.file.Path> out = OptionSpec.path("--out", "DIR", "where");
        assertEquals(java.nio.file.Path.of("runs/a"), out.parse("runs/a"));
        assertEquals("--out: must not be empty", refused(out, " "));
        assertEquals("--out: \"a\u0000b\" is not a valid path: Nul character not allowed", refused(out, "a\u0000b"));
    }

    @Test
    void optionsReadBackWhatWasGivenAsTypedAndInOrder() throws Exception {
        Options o = Options.parse(List.of(DEPTH, SERVICE, SWEEP), new java.util.LinkedHashMap<>(Map.of()));
        assertTrue(o.isEmpty());
        assertFalse(o.has(DEPTH));
        assertFalse(o.isSet(SWEEP), "a flag not given is false");
        assertEquals(32, o.getOr(DEPTH, 32));
        java.util.LinkedHashMap<String, String> given = new java.util.LinkedHashMap<>();
        given.put("--mean-service", "10us");
        given.put("--iodepth", "0_8");
        Options p = Options.parse(List.of(DEPTH, SERVICE, SWEEP), given);
        assertFalse(p.isEmpty());
        assertTrue(p.has(DEPTH));
        assertEquals(8, p.getOr(DEPTH, 32));
        assertEquals(List.of("--mean-service", "--iodepth"), List.copyOf(p.texts().keySet()));
        assertEquals("0_8", p.texts().get("--iodepth"), "as typed, for a reproduce line");
        Options q = p.with(SWEEP, true).with(DEPTH, 16);
        assertTrue(q.isSet(SWEEP));
        assertEquals(16, q.get(DEPTH).orElseThrow());
        assertEquals("16", q.texts().get("--iodepth"));
        assertEquals("true", q.texts().get("--sweep"));
        assertEquals(8, p.get(DEPTH).orElseThrow(), "with() makes a copy");
        assertFalse(p.has(SWEEP));
        assertFalse(Options.none().with(SWEEP, false).isSet(SWEEP));
        assertTrue(Options.none().with(SWEEP, false).has(SWEEP));
        OptionException e = assertThrows(OptionException.class,
                () -> Options.parse(List.of(DEPTH), Map.of("--depth", "3")));
        assertEquals("--depth: no such option", e.getMessage());
        e = assertThrows(OptionException.class, () -> Options.parse(List.of(DEPTH), Map.of("--iodepth", "0")));
        assertEquals("--iodepth: 0 is out of range; allowed: 1 to 4,096", e.getMessage());
    }
}

package org.sysmodels.core.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;

/**
 * Every kind of mistake in a scenario file gives one line a student can act on, located like a compiler error:
 * {@code file:line:column: field.path: message}.
 */
class ScenarioProblemsTest {

    enum Color { RED, DARK_BLUE }

    enum Kind {
        @JsonProperty("cancel-io") CANCEL_IO,
        @JsonProperty("thread-exit") THREAD_EXIT
    }

    record Spelled(Kind kind) {
    }

    record Inner(@Range(min = 1, max = 8) int x) {
    }

    record Types(Integer i, Long l, Short sh, Byte by, Double d, Float f, Boolean b, String s, Color c, int[] arr,
                 List<String> list, Map<String, Integer> map, Inner obj) {
    }

    record Nested(String name, Inner inner, List<Inner> items) {
    }

    @TempDir
    Path dir;

    private static String message(Class<?> type, String text) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read("t.json", text, type));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
        assertEquals("t.json:1:7: b: expected true or false, found \"yes\"", message(Types.class, "{\"b\": \"yes\"}"));
        assertEquals("t.json:1:10: list: expected a list, found an object",
                message(Types.class, "{\"list\": {\"a\": 1}}"));
        assertEquals("t.json:1:9: map: expected an object (map), found a list", message(Types.class, "{\"map\": [1]}"));
        assertEquals("t.json:1:7: s: expected a string, found a list", message(Types.class, "{\"s\": [1]}"));
        assertEquals("t.json:1:9: obj: expected an object, found 5", message(Types.class, "{\"obj\": 5}"));
        assertEquals("t.json:1:9: arr: expected a list, found 5", message(Types.class, "{\"arr\": 5}"));
        assertEquals("t.json:1:7: c: expected one of red, dark_blue, found \"green\"",
                message(Types.class, "{\"c\": \"green\"}"));
        assertEquals("t.json:1:10: kind: expected one of cancel-io, thread-exit, found \"cancel\"",
                message(Spelled.class, "{\"kind\": \"cancel\"}"));
        assertEquals("t.json:1:7: f: expected a number, found \"x\"", message(Types.class, "{\"f\": \"x\"}"));
        assertEquals("t.json:1:7: d: expected a number, found true", message(Types.class, "{\"d\": true}"));
        assertEquals("t.json:1:8: sh: expected an integer, found \"1\"", message(Types.class, "{\"sh\": \"1\"}"));
        assertEquals("t.json:1:16: list[1]: expected a string, found an object",
                message(Types.class, "{\"list\": [\"a\", {}]}"));
        assertEquals("t.json:1:1: expected an object, found a list", message(Types.class, "[]"));
        assertEquals("t.json:1:1: the file is empty or null; expected an object", message(Types.class, "null"));
        assertEquals("t.json:1: the file is empty; expected an object", message(Types.class, "  // nothing\n"));
    }

    record Arrays(int[] ints, long[] longs, String[] names) {
    }

    @Test
    void textWhereAnArrayBelongsIsAWrongTypeNotJavaInternals() {
        assertEquals("t.json:1:10: ints: expected a list, found \"x\"", message(Arrays.class, "{\"ints\": \"x\"}"));
        assertEquals("t.json:1:11: longs: expected a list, found \"1,2\"",
                message(Arrays.class, "{\"longs\": \"1,2\"}"));
        assertEquals("t.json:2:11: names: expected a list, found \"a\"",
                message(Arrays.class, "{\"ints\": [1],\n \"names\": \"a\"}"));
    }

    @Test
    void everyJavaTypeHasAPlainName() {
        for (Class<?> c : List.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class,
                byte.class, Byte.class)) {
            assertEquals("an integer", JacksonProblems.describe(c), c.getName());
        }
        for (Class<?> c : List.of(double.class, Double.class, float.class, Float.class)) {
            assertEquals("a number", JacksonProblems.describe(c), c.getName());
        }
        assertEquals("true or false", JacksonProblems.describe(boolean.class));
        assertEquals("true or false", JacksonProblems.describe(Boolean.class));
        assertEquals("a string", JacksonProblems.describe(String.class));
        assertEquals("one of red, dark_blue", JacksonProblems.describe(Color.class));
        assertEquals("a list", JacksonProblems.describe(int[].class));
        assertEquals("a list", JacksonProblems.describe(List.class));
        assertEquals("a list", JacksonProblems.describe(Set.class));
        assertEquals("a list", JacksonProblems.describe(Collection.class));
        assertEquals("an object (map)", JacksonProblems.describe(Map.class));
        assertEquals("an object", JacksonProblems.describe(Inner.class));
        assertEquals("an object", JacksonProblems.describe(Object.class));
        assertEquals("a value", JacksonProblems.describe(null));
    }

    @Test
    void aTruncatedFileSaysWhereItEndsAndWhatIsLeftOpen() {
        assertEquals("t.json:2:21: the file ends inside an object opened at line 2, column 14 (a closing } is missing)",
                message(Nested.class, "{\"name\": \"x\",\n \"inner\":    {\"x\": 3"));
        assertEquals("t.json:1:20: the file ends inside a list opened at line 1, column 11 (a closing ] is missing)",
                message(Nested.class, "{\"items\": [{\"x\": 1}"));
        assertEquals("t.json:1:14: the file ends inside a string opened at line 1, column 10 (a closing quote is "
                + "missing)", message(Nested.class, "{\"name\": \"abc"));
        assertEquals("t.json:3:1: the file ends inside a comment opened at line 2, column 2 (a closing */ is missing)",
                message(Nested.class, "{\"name\": \"abc\",\n /* the rest\n"));
        assertEquals("t.json:1:10: the file ends inside an object opened at line 1, column 1 (a closing } is missing)",
                message(Nested.class, "{\"name\": "));
    }

    @Test
    void aNumberTooLargeForItsFieldSaysWhatIsAllowed() {
        assertEquals("t.json:1:17: inner.x: 99999999999999999999 is out of range; allowed: 1 to 8",
                message(Nested.class, "{\"inner\": {\"x\": 99999999999999999999}}"));
        assertEquals("t.json:1:7: i: 3000000000 is out of range for an integer field",
                message(Types.class, "{\"i\": 3000000000}"));
    }

    @Test
    void aSizeOutOfRangeIsShownInUnitsLikeTheFileWritesIt() {
        record Disk(@JsonDeserialize(using = SizeDeserializer.class) @Range(min = 4096, max = 1L << 30) Long size) {
        }
        assertEquals("t.json:1:10: size: 3 GiB is out of range; allowed: 4 KiB to 1 GiB",
                message(Disk.class, "{\"size\": \"3GiB\"}"));
        assertEquals("t.json:1:10: size: 100 B is out of range; allowed: 4 KiB to 1 GiB",
                message(Disk.class, "{\"size\": \"100\"}"));
    }

    @Test
    void aSyntaxErrorInANestedObjectIsReportedWhereItIs() {
        assertEquals("t.json:3:11: inner: not valid JSON: Unexpected character ',': was expecting double-quote "
                + "to start field name", message(Nested.class, "{\"name\": \"x\",\n \"inner\": {\n   \"x\": 3,,\n }}"));
        String top = message(Nested.class, "{\"name\": \"x\",,}");
        assertTrue(top.startsWith("t.json:1:14: name: not valid JSON: Unexpected character ','"), top);
    }

    @Test
    void rangesAreCheckedInListsMapsAndOptionalsWithTheirJsonNames() {
        record WithMap(Map<String, Inner> byName) {
        }
        record Renamed(@JsonProperty("io_depth") @Range(min = 1) int ioDepth) {
        }
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read("m.json",
                "{\"byName\": {\"a\": {\"x\": 1},\n \"b\": {\"x\": 9}}}", WithMap.class));
        assertEquals("m.json:2:13: byName.b.x: 9 is out of range; allowed: 1 to 8", e.getMessage());
        e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read("r.json", "{\"io_depth\": 0}",
                Renamed.class));
        assertEquals("r.json:1:14: io_depth: 0 is out of range; allowed: at least 1", e.getMessage());
        List<ScenarioValidator.Violation> found = new ArrayList<>();
        ScenarioValidator.validate(Optional.of(new Inner(0)), JsonPointer.compile("/opt"), found);
        assertEquals(List.of(new ScenarioValidator.Violation(JsonPointer.compile("/opt/x"),
                "0 is out of range; allowed: 1 to 8")), found);
        found.clear();
        ScenarioValidator.validate(Optional.empty(), JsonPointer.empty(), found);
        ScenarioValidator.validate(List.of(new Inner(1), new Inner(10)), JsonPointer.empty(), found);
        ScenarioValidator.validate(Map.of("k", new Inner(-1)), JsonPointer.empty(), found);
        ScenarioValidator.validate("not a record", JsonPointer.empty(), found);
        assertEquals(List.of("/1/x", "/k/x"), found.stream().map(v -> v.pointer().toString()).toList());
    }

    record Bounds(@Range(max = 5) Double atMost, @Range(min = 0.5, max = 1.5) Double half,
                  @Range(min = 0, max = 1e15) Double huge, @Range(min = -1, max = 1) Float small) {
    }

    @Test
    void rangesAreDescribedAsTheyAreWritten() {
        assertEquals("t.json:1:12: atMost: 6.0 is out of range; allowed: at most 5",
                message(Bounds.class, "{\"atMost\": 6}"));
        assertEquals("t.json:1:10: half: 1.6 is out of range; allowed: 0.5 to 1.5",
                message(Bounds.class, "{\"half\": 1.6}"));
        assertEquals("t.json:1:10: huge: 2.0E15 is out of range; allowed: 0 to 1.0E15",
                message(Bounds.class, "{\"huge\": 2e15}"));
        assertEquals("t.json:1:11: small: NaN is out of range; allowed: -1 to 1",
                message(Bounds.class, "{\"small\": \"NaN\"}"));
        for (String ok : new String[] {"{\"atMost\": 5}", "{\"half\": 0.5}", "{\"half\": 1.5}", "{\"huge\": 1e15}",
            "{\"small\": -1}"}) {
            assertEquals(Bounds.class, assertDoesNotThrow(ok).getClass());
        }
    }

    private static Bounds assertDoesNotThrow(String text) {
        try {
            return ScenarioLoader.read("t.json", text, Bounds.class);
        } catch (ScenarioException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    record Scenario(@Range(min = 1) long meanService, @Range(min = 1, max = 64) int maxIoDepth2X) {
    }

    @Test
    void flagsAreCheckedWithTheirCommandLineNames() throws Exception {
        ScenarioLoader.checkFlags(new Scenario(1, 64));
        UserInputException e = assertThrows(UserInputException.class,
                () -> ScenarioLoader.checkFlags(new Scenario(0, 65)));
        assertEquals("--mean-service: 0 is out of range; allowed: at least 1", e.getMessage(), "the first only");
        e = assertThrows(UserInputException.class, () -> ScenarioLoader.checkFlags(new Scenario(5, 0)));
        assertEquals("--max-io-depth2-x: 0 is out of range; allowed: 1 to 64", e.getMessage());
    }

    record Timing(@JsonDeserialize(using = DurationDeserializer.class) Long period,
                  @JsonDeserialize(using = SizeDeserializer.class) Long size) {
    }

    @Test
    void unitValuesTakeNumbersInTheBaseUnitOrTextWithAUnit() throws Exception {
        assertEquals(new Timing(2L, null), ScenarioLoader.read("t.json", "{\"period\": \"1.6ns\"}", Timing.class),
                "a duration in ns may have a fraction, rounded");
        assertEquals(new Timing(1500L, 4096L),
                ScenarioLoader.read("t.json", "{\"period\": \"1.5us\", \"size\": \"4k\"}", Timing.class));
        assertEquals(new Timing(7L, 9L), ScenarioLoader.read("t.json", "{\"period\": \"7ns\", \"size\": 9}",
                Timing.class), "a size may be a bare number of bytes");
        assertEquals("t.json:1:12: period: \"7\" has no unit; write it with one: ns, us, ms or s (e.g. \"7 us\")",
                message(Timing.class, "{\"period\": 7}"), "a duration's unit is never guessed");
        assertEquals("t.json:2:13: period: \"20\" has no unit; write it with one: ns, us, ms or s (e.g. \"20 us\")",
                message(Timing.class, "{\n  \"period\": \"20\"}"));
        assertEquals("t.json:1:12: period: \"0\" has no unit; write it with one: ns, us, ms or s (e.g. \"0 us\")",
                message(Timing.class, "{\"period\": 0}"));
        assertEquals("t.json:1:10: size: expected a size (bytes, or a string such as \"4k\" or \"1GiB\"), found 1.5",
                message(Timing.class, "{\"size\": 1.5}"));
        assertEquals("t.json:1:12: period: expected a duration (a string with a unit such as \"80us\"), "
                + "found true", message(Timing.class, "{\"period\": true}"));
        assertEquals("t.json:1:12: period: expected a duration (a string with a unit such as \"80us\"), "
                + "found an object", message(Timing.class, "{\"period\": {}}"));
        assertEquals("t.json:1:10: size: \"9223372036854775808\" is too large",
                message(Timing.class, "{\"size\": \"9223372036854775808\"}"));
    }

    record Windows(@JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1e9, max = 8.64e13) Long run,
                   @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1.5e6) Long tick) {
    }

    @Test
    void aDurationOutOfRangeIsShownInUnits() throws Exception {
        assertEquals("t.json:1:9: run: 10 ms is out of range; allowed: 1 s to 86400 s",
                message(Windows.class, "{\"run\": \"10ms\"}"));
        assertEquals("t.json:1:10: tick: 1500 ns is out of range; allowed: at least 1500 us",
                message(Windows.class, "{\"tick\": \"1.5us\"}"));
        assertEquals(new Windows(2_000_000_000L, 1_500_000L),
                ScenarioLoader.read("t.json", "{\"run\": \"2s\", \"tick\": \"1500 us\"}", Windows.class));
    }

    @Test
    void aProblemReadsLikeACompilerError() {
        assertEquals("f.json:3:7: a.b: bad", new Problem("f.json", 3, 7, "a.b", "bad").toString());
        assertEquals("f.json:1:1: bad", new Problem("f.json", 1, 1, "", "bad").toString());
        assertEquals("f.json:3: a: bad", new Problem("f.json", 3, 0, "a", "bad").toString());
        assertEquals("f.json: a: bad", new Problem("f.json", 0, 0, "a", "bad").toString());
        assertEquals("f.json: bad", new Problem("f.json", 0, 5, "", "bad").toString());
        ScenarioException e = new ScenarioException(List.of(new Problem("f", 1, 2, "x", "one"),
                new Problem("f", 3, 4, "", "two")));
        assertEquals("f:1:2: x: one\nf:3:4: two", e.getMessage());
        assertEquals(2, e.problems().size());
    }

    @Test
    void jacksonsMessagesLoseTheirInternals() {
        assertEquals("Unexpected character ',': was expecting double-quote to start field name", JacksonProblems.clean(
                "Unexpected character (',' (code 44)): was expecting double-quote to start field name\n"
                        + " at [Source: (String)\"{,}\"; line: 1, column: 2]"));
        assertEquals("Unrecognized token 'tru': was expecting 'true'", JacksonProblems.clean(
                "Unrecognized token 'tru': was expecting 'true' at [Source: REDACTED; line: 1, column: 4]"));
        assertEquals("Unexpected end-of-input: expected close marker for Object", JacksonProblems.clean(
                "Unexpected end-of-input: expected close marker for Object (start marker at [Source: x; line: 1])"
                        + "\n at [Source: x; line: 1, column: 3]"));
        assertEquals("first line", JacksonProblems.clean("first line\nsecond line"));
        assertEquals("", JacksonProblems.clean("\nonly a second line"));
        assertEquals("unreadable", JacksonProblems.clean(null));
    }

    @Test
    void aValueIsLocatedAtItsPointerOrItsNearestParent() {
        String text = "{\"a\": {\n  \"b\": [10, {\"c\": \"x\"}]},\n \"d\": null}";
        assertArrayEquals(new int[] {2, 8}, JsonLocator.locate(text, JsonPointer.compile("/a/b")));
        assertArrayEquals(new int[] {2, 13}, JsonLocator.locate(text, JsonPointer.compile("/a/b/1")));
        assertArrayEquals(new int[] {2, 13}, JsonLocator.locate(text, JsonPointer.compile("/a/b/1/zz")));
        assertArrayEquals(new int[] {1, 1}, JsonLocator.locate(text, JsonPointer.compile("/nothing")));
        assertArrayEquals(new int[] {0, 0}, JsonLocator.locate("", JsonPointer.compile("/a")));
        assertArrayEquals(new int[] {1, 1}, JsonLocator.locate("{,", JsonPointer.compile("/a")), "the root is there");
        assertEquals("a list", JsonLocator.describe(text, JsonPointer.compile("/a/b")));
        assertEquals("an object", JsonLocator.describe(text, JsonPointer.compile("/a")));
        assertEquals("10", JsonLocator.describe(text, JsonPointer.compile("/a/b/0")));
        assertEquals("\"x\"", JsonLocator.describe(text, JsonPointer.compile("/a/b/1/c")));
        assertEquals("null", JsonLocator.describe(text, JsonPointer.compile("/d")));
        assertEquals("nothing", JsonLocator.describe(text, JsonPointer.compile("/e")));
        assertEquals("something unreadable", JsonLocator.describe("{\"a\": ,}", JsonPointer.compile("/b")));
        assertTrue(JsonLocator.present(text, JsonPointer.compile("/d")));
        assertTrue(!JsonLocator.present(text, JsonPointer.compile("/e")));
    }

    @Test
    void scenarioFilesAreReadStrictlyButKindly() throws Exception {
        Path bom = dir.resolve("bom.json");
        Files.write(bom, "\uFEFF{\"name\": \"with a byte order mark\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("with a byte order mark", ScenarioLoader.load(bom, Nested.class).name());
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        UserInputException e = assertThrows(UserInputException.class, () -> ScenarioLoader.load(latin1, Nested.class));
        assertEquals(latin1 + ": not UTF-8 text (save the file as UTF-8)", e.getMessage());
        e = assertThrows(UserInputException.class, () -> ScenarioLoader.load(dir, Nested.class));
        assertEquals(dir + ": is a directory, not a scenario file", e.getMessage());
        Path notDir = dir.resolve("bom.json/inside.json");
        e = assertThrows(UserInputException.class, () -> ScenarioLoader.load(notDir, Nested.class));
        assertTrue(e.getMessage().startsWith(notDir + ": "), e.getMessage());
    }

    @Test
    void aScenarioFileMayBeFourMebibytesAndNoMore() throws Exception {
        String body = "{\"name\": \"big\"}";
        Path max = dir.resolve("max.json");
        Files.writeString(max, body + " ".repeat((int) ScenarioLoader.MAX_FILE_BYTES - body.length()));
        assertEquals(ScenarioLoader.MAX_FILE_BYTES, Files.size(max));
        assertEquals("big", ScenarioLoader.load(max, Nested.class).name());
        Path over = dir.resolve("over.json");
        Files.writeString(over, body + " ".repeat((int) ScenarioLoader.MAX_FILE_BYTES - body.length() + 1));
        UserInputException e = assertThrows(UserInputException.class, () -> ScenarioLoader.load(over, Nested.class));
        assertEquals(over + ": is 4194305 B; a scenario file may be at most 4 MiB", e.getMessage());
    }

    @Test
    void packagedScenariosAreListedAndResolvedByNameFileFirst() throws Exception {
        record Named(String name) {
        }
        ScenarioCatalog<Named> c = new ScenarioCatalog<>(Named.class)
                .add("basic", "/org/sysmodels/core/scenario/basic.json", "a test scenario")
                .addRealTime("live", "/org/sysmodels/core/scenario/basic.json", "on real threads")
                .addBenchSized("big", "/org/sysmodels/core/scenario/basic.json", "for bench/run --long");
        assertEquals(List.of(new ScenarioEntry("basic", "a test scenario", true, false),
                new ScenarioEntry("live", "on real threads", false, false),
                new ScenarioEntry("big", "for bench/run --long", true, true)), c.entries());
        assertEquals("packaged", c.resolve("big").name());
        assertEquals(new ScenarioEntry("x", "y", true), new ScenarioEntry("x", "y"));
        assertEquals("packaged", c.resolve("basic").name());
        assertEquals("packaged", c.resolve("live").name());
        Path file = dir.resolve("basic");
        Files.writeString(file, "{\"name\": \"a file wins over a packaged name\"}");
        assertEquals("a file wins over a packaged name", c.resolve(file.toString()).name());
        assertEquals("nope.json: no such scenario file",
                assertThrows(UserInputException.class, () -> c.resolve("nope.json")).getMessage());
        assertEquals("a/b: no such scenario file",
                assertThrows(UserInputException.class, () -> c.resolve("a/b")).getMessage());
        assertEquals("no scenario named \"quick\" and no such file; packaged scenarios: basic, live, big",
                assertThrows(UserInputException.class, () -> c.resolve("quick")).getMessage());
        assertEquals("a\u0000b: not a valid file name: Nul character not allowed",
                assertThrows(UserInputException.class, () -> c.resolve("a\u0000b")).getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ScenarioLoader.loadResource("/no/such.json", Named.class));
        assertEquals("packaged scenario missing: /no/such.json", missing.getMessage());
    }
}

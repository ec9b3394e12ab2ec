package org.sysmodels.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.scenario.DurationDeserializer;

class ScenarioLoaderTest {

    enum Rw { READ, RANDREAD }

    record Workload(@Range(min = 1, max = 65535) int iodepth, Rw rw,
                    @JsonDeserialize(using = DurationDeserializer.class) Long runTime, Distribution latency) {
    }

    record Demo(String name, Workload workload, List<Fault> faults, @Range(min = 0, max = 1) Double mix) {
    }

    record Required(int n) {
    }

    @TempDir
    Path dir;

    private static Problem problem(String text) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read("demo.json", text, Demo.class));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void readsAValidFileWithUnitsAndComments() throws Exception {
        Demo d = ScenarioLoader.read("demo.json", """
                // a comment
                {"name": "x",
                 "workload": {"iodepth": 32, "rw": "randread", "runTime": "1.5ms",
                              "latency": {"type": "exponential", "mean": "80us"}},
                 "faults": [{"kind": "media-error", "probability": 0.5}],
                 "mix": 0.7}
                """, Demo.class);
        assertEquals(32, d.workload().iodepth());
        assertEquals(Rw.RANDREAD, d.workload().rw());
        assertEquals(1_500_000L, d.workload().runTime());
        assertEquals(new Distribution.Exponential(80_000), d.workload().latency());
        assertEquals("*", d.faults().get(0).target());
        assertEquals(0.5, d.faults().get(0).probability());
    }

    @Test
    void unknownFieldNamesTheFieldLineAndKnownFields() {
        Problem p = problem("""
                {"name": "x",
                 "workload": {"iodepth": 32,
                              "qdepth": 4}}
                """);
        assertEquals(3, p.line());
        assertEquals("workload.qdepth", p.field());
        assertEquals("unknown field \"qdepth\"; known fields: iodepth, latency, runTime, rw", p.message());
        assertTrue(p.toString().startsWith("demo.json:3:"), p.toString());
    }

    @Test
    void wrongTypeSaysWhatWasExpectedAndFound() {
        Problem p = problem("""
                {"workload": {
                   "iodepth": "deep"}}
                """);
        assertEquals(2, p.line());
        assertEquals("workload.iodepth", p.field());
        assertEquals("expected an integer, found \"deep\"", p.message());
    }

    @Test
    void primitiveFieldsAreRequired() {
        ScenarioException missing = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.read("r.json", "{}", Required.class));
        assertEquals("r.json:1:2: n: required field is missing", missing.getMessage());
        ScenarioException nul = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.read("r.json", "{\"n\": null}", Required.class));
        assertEquals("n", nul.problems().get(0).field());
        assertEquals("expected an integer, found null", nul.problems().get(0).message());
    }

    @Test
    void aMissingDurationOrSizeIsARequiredFieldToo() {
        // a duration is read by a deserializer that has no value for an absent field; the record's primitive cannot
        // take null, and the report names the field instead of the constructor's NullPointerException
        Problem p = problem("""
                {"workload": {"iodepth": 4,
                              "latency": {"type": "exponential"}}}
                """);
        assertEquals("workload.latency.mean", p.field(), p.toString());
        assertEquals("required field is missing", p.message());
        assertEquals(2, p.line());
    }

    @Test
    void objectWhereANumberBelongs() {
        Problem p = problem("{\"mix\": {\"a\": 1}}");
        assertEquals("mix", p.field());
        assertEquals("expected a number, found an object", p.message());
    }

    @Test
    void fractionForAnIntegerIsRejected() {
        Problem p = problem("{\"workload\": {\"iodepth\": 1.5}}");
        assertEquals("workload.iodepth", p.field());
        assertTrue(p.message().startsWith("expected an integer"), p.message());
    }

    @Test
    void outOfRangeNamesTheLineOfTheValue() {
        Problem p = problem("""
                {"name": "x",
                 "workload": {
                     "rw": "read",
                     "iodepth": 0
                 }}
                """);
        assertEquals(4, p.line());
        assertEquals("workload.iodepth", p.field());
        assertEquals("0 is out of range; allowed: 1 to 65535", p.message());
    }

    @Test
    void everyRangeProblemIsReported() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read("demo.json", """
                {"mix": 2,
                 "faults": [{"kind": "a"},
                            {"kind": "b", "probability": 1.5}],
                 "workload": {"iodepth": 70000}}
                """, Demo.class));
        assertEquals(List.of("workload.iodepth", "faults[1].probability", "mix"),
                e.problems().stream().map(Problem::field).toList());
        assertEquals(3, e.problems().get(1).line());
        assertEquals("1.5 is out of range; allowed: 0 to 1", e.problems().get(1).message());
    }

    @Test
    void badEnumListsTheChoices() {
        Problem p = problem("{\"workload\": {\"rw\": \"write\"}}");
        assertEquals("workload.rw", p.field());
        assertEquals("expected one of read, randread, found \"write\"", p.message());
    }

    @Test
    void badDurationExplainsTheForm() {
        Problem p = problem("{\"workload\": {\"runTime\": \"soon\"}}");
        assertEquals("workload.runTime", p.field());
        assertEquals("\"soon\" is not a duration; use a number with a unit: ns, us, ms or s (e.g. 250us, 1.5ms)",
                p.message());
        Problem list = problem("{\"workload\": {\"runTime\": [1]}}");
        assertTrue(list.message().startsWith("expected a duration"), list.message());
    }

    @Test
    void unknownDistributionTypeListsTheTypes() {
        Problem p = problem("{\"workload\": {\"latency\": {\"type\": \"pareto\", \"mean\": 3}}}");
        assertEquals("workload.latency", p.field());
        assertEquals("unknown type \"pareto\"; allowed: fixed, uniform, exponential, normal, lognormal", p.message());
    }

    record Buffer(@JsonDeserialize(using = SizeDeserializer.class) Long size) {
    }

    @Test
    void sizesTakeBinaryUnitsAndExplainBadOnes() throws Exception {
        assertEquals(4096L, ScenarioLoader.read("b.json", "{\"size\": \"4k\"}", Buffer.class).size());
        assertEquals(1L << 30, ScenarioLoader.read("b.json", "{\"size\": \"1GiB\"}", Buffer.class).size());
        assertEquals(512L, ScenarioLoader.read("b.json", "{\"size\": 512}", Buffer.class).size());
        ScenarioException bad = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.read("b.json", "{\"size\": \"4 parsecs\"}", Buffer.class));
        assertEquals("b.json:1:10: size: \"4 parsecs\" is not a size; use bytes or a number with k, m, g "
                + "(e.g. 4096, 4k, 128KiB, 1g)", bad.getMessage());
        ScenarioException fraction = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.read("b.json", "{\"size\": 1.5}", Buffer.class));
        assertEquals("size: expected a size (bytes, or a string such as \"4k\" or \"1GiB\"), found 1.5",
                fraction.problems().get(0).field() + ": " + fraction.problems().get(0).message());
    }

    @Test
    void crossFieldRuleIsLocatedAtItsField() {
        Problem p = problem("""
                {"workload": {"latency": {"type": "uniform",
                                          "min": "10us",
                                          "max": "5us"}}}
                """);
        assertEquals("workload.latency.max", p.field());
        assertEquals(3, p.line());
        assertEquals("max (5000) must be at least min (10000)", p.message());
    }

    @Test
    void missingRequiredFaultKind() {
        Problem p = problem("{\"faults\": [{\"target\": \"x\"}]}");
        assertEquals("faults[0].kind", p.field());
        assertEquals("required: the kind of fault to inject", p.message());
    }

    @Test
    void syntaxErrorGivesLineAndColumn() {
        Problem p = problem("""
                {"name": "x",
                 "mix": 0.5,,
                }
                """);
        assertEquals(2, p.line());
        assertTrue(p.message().startsWith("not valid JSON"), p.message());
    }

    @Test
    void anExplicitNullIsAnErrorNotTheDefault() {
        Problem p = problem("""
                {"name": "x",
                 "mix": null}
                """);
        assertEquals(2, p.line());
        assertEquals("mix", p.field());
        assertEquals("null; give a value, or leave the field out for its default", p.message());
        Problem element = problem("{\"faults\": [{\"kind\": \"media-error\"}, null]}");
        assertEquals("faults[1]", element.field());
        assertEquals("null; give a value", element.message());
    }

    @Test
    void aFieldGivenTwiceIsAnErrorAtTheSecond() {
        Problem p = problem("""
                {"name": "x",
                 "workload": {"iodepth": 4, "iodepth": 32}}
                """);
        assertEquals(2, p.line());
        assertTrue(p.message().contains("iodepth") && p.message().contains("twice"), p.message());
    }

    @Test
    void trailingGarbage() {
        Problem p = problem("{\"name\": \"x\"} {\"name\": \"y\"}");
        assertEquals("unexpected content after the closing } of the file's JSON object", p.message());
    }

    @Test
    void emptyFile() {
        Problem p = problem("");
        assertTrue(p.message().contains("empty"), p.message());
    }

    @Test
    void missingFileIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> ScenarioLoader.load(dir.resolve("nope.json"), Demo.class));
        assertTrue(e.getMessage().endsWith("nope.json: no such scenario file"), e.getMessage());
    }

    @Test
    void loadsFromAFile() throws Exception {
        Path f = dir.resolve("ok.json");
        Files.writeString(f, "{\"name\": \"file\"}");
        assertEquals("file", ScenarioLoader.load(f, Demo.class).name());
    }

    @Test
    void catalogResolvesNamesAndFilesAndListsNames() throws Exception {
        ScenarioCatalog<Demo> c = new ScenarioCatalog<>(Demo.class)
                .add("basic", "/org/sysmodels/core/scenario/basic.json", "a test scenario");
        assertEquals("packaged", c.resolve("basic").name());
        UserInputException e = assertThrows(UserInputException.class, () -> c.resolve("nothing"));
        assertEquals("no scenario named \"nothing\" and no such file; packaged scenarios: basic", e.getMessage());
        assertInstanceOf(UserInputException.class, assertThrows(UserInputException.class, () -> c.resolve("x/y.json")));
    }

    @Test
    void fieldPathsAndPointersRoundTrip() {
        assertEquals("faults[2].probability", ScenarioLoader.fieldOf("/faults/2/probability"));
        assertEquals("/faults/2/probability", ScenarioLoader.pointerOf("faults[2].probability").toString());
    }
}

package org.sysmodels.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sysmodels.core.student.TimeLimit;
import org.sysmodels.core.testing.Props;

/**
 * Opt-in ({@code ./mvnw -pl suite -am verify -Pscenario-fuzz}): every packaged scenario of a system, changed in one
 * place (a field removed or added, a number zeroed, negated, made huge or fractional, a string emptied or made
 * nonsense, a list emptied or grown, a value of the wrong type), then run through {@code sim} as a user would. Each
 * run ends with exit 0 or 1 (the scenario was valid), or 2 with a message naming the field: never an internal error
 * (exit 70), a stack trace, or a run that does not end. The first round (2026-12-03, 1,550 mutations) found three nvme
 * faults: a stack overflow when a removed device refused a closed-loop job's requests, a false phase finding from
 * the host's own cancellation, and "bound must be positive" for a size below the block size.
 *
 * <p>Bench-sized scenarios (millions of users) are left out. Shrinking reduces a failure to the smallest choice of
 * scenario, place and change; the failing file is kept in the test's temporary folder and named in the message.
 */
@EnabledIfSystemProperty(named = "sysmodels.fuzz", matches = "true")
class ScenarioMutationTest {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** System name → the module folder that packages its scenarios. */
    private static final Map<String, String> MODULES = Map.of("nvme", "nvme-sim", "irp", "irp-sim", "vcpu",
            "vcpu-sim", "compositor", "compositor-sim", "presence", "presence", "sensor-loop", "sensor-loop-sim");
    private static final Set<String> BENCH_SIZED = Set.of("large.json");
    /** Far above any packaged scenario's run (seconds): a run still going after this is a hang. */
    private static final long RUN_LIMIT_S = 120;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nvme", "irp", "vcpu", "compositor", "presence", "sensor-loop"})
    void aMutatedScenarioIsRunOrRefusedNeverACrash(String system) throws Exception {
        List<Path> scenarios = packaged(system);
        Props.property(Integer.getInteger("sysmodels.fuzz.examples", 60))
                .forAll(integers().between(0, scenarios.size() - 1), integers().between(0, 999),
                        integers().between(0, 99), integers().between(0, 99))
                .checkAssert((file, place, change, value) -> check(system, scenarios.get(file), place, change, value));
    }

    private static List<Path> packaged(String system) throws IOException {
        Path resources = Path.of("..", MODULES.get(system), "src", "main", "resources");
        try (Stream<Path> files = Files.walk(resources)) {
            return files.filter(p -> p.getParent().getFileName().toString().equals("scenario"))
                    .filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !BENCH_SIZED.contains(p.getFileName().toString()))
                    .sorted().toList();
        }
    }

    private void check(String system, Path source, int place, int change, int value) {
        try {
            JsonNode root = JSON.readTree(Files.readString(source));
            String what = Mutation.apply(root, place, change, value);
            Path file = dir.resolve(system + "-" + source.getFileName().toString().replace(".json", "") + "-" + place
                    + "-" + change + "-" + value + ".json");
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            SimRun r = runBounded(system, file);
            String context = source.getFileName() + ", " + what + " (" + file + "):\n" + r;
            assertTrue(r.exit() == 0 || r.exit() == 1 || r.exit() == 2, context);
            assertTrue(!r.err().contains("internal error") && !r.err().contains("\tat ")
                    && !r.err().contains("Exception"), context);
            if (r.exit() == 2) {
                assertTrue(r.err().startsWith("sim " + system + ": " + file), "a refusal names the file: " + context);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SimRun runBounded(String system, Path file) {
        try {
            return TimeLimit.run(Duration.ofSeconds(RUN_LIMIT_S), () -> SimRun.of(system, "--scenario",
                    file.toString()));
        } catch (Exception e) {
            throw new AssertionError("sim " + system + " --scenario " + file + " did not end within " + RUN_LIMIT_S
                    + " s, or threw", e);
        }
    }

    /** One change to a scenario's JSON tree, chosen by three numbers (so a failing choice shrinks). */
    static final class Mutation {

        private Mutation() {
        }

        /** Changes the node at {@code place} (modulo the node count) and says what it did. */
        static String apply(JsonNode root, int place, int change, int value) {
            List<JsonNode> parents = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            collect(root, "", null, null, parents, keys, paths);
            int k = place % parents.size();
            JsonNode parent = parents.get(k);
            String key = keys.get(k);
            JsonNode old = parent instanceof ObjectNode o ? o.get(key) : parent.get(Integer.parseInt(key));
            if (change < 10 && parent instanceof ObjectNode o) {
                o.remove(key);
                return "removed " + paths.get(k);
            }
            JsonNode replacement = replacement(old, change, value);
            if (parent instanceof ObjectNode o) {
                o.set(key, replacement);
            } else {
                ((ArrayNode) parent).set(Integer.parseInt(key), replacement);
            }
            String shown = replacement.toString();
            return paths.get(k) + " = " + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown);
        }

        private static JsonNode replacement(JsonNode old, int change, int value) {
            if (old.isNumber()) {
                JsonNode[] numbers = {NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1_000_000_000_000L),
                        NODES.numberNode(2_147_483_648L), NODES.numberNode(0.5), NODES.numberNode(1e300),
                        NODES.textNode("abc"), NODES.nullNode(), NODES.numberNode(old.asDouble() * 1000),
                        NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(old.asLong() + 1),
                        NODES.numberNode(Math.max(1, old.asLong() / 1000))};
                return numbers[value % numbers.length];
            }
            if (old.isTextual()) {
                JsonNode[] texts = {NODES.textNode(""), NODES.textNode("nonsense"), NODES.textNode("0us"),
                        NODES.textNode("-5us"), NODES.textNode("1e30s"), NODES.textNode("NaN"), NODES.numberNode(5),
                        NODES.textNode("99999999999h"), NODES.textNode("1ns"), NODES.textNode(old.asText() + "x"),
                        NODES.textNode("0"), NODES.textNode("1")};
                return texts[value % texts.length];
            }
            if (old.isBoolean()) {
                return value % 2 == 0 ? NODES.booleanNode(!old.asBoolean()) : NODES.textNode("yes");
            }
            if (old.isArray()) {
                ArrayNode list = old.deepCopy();
                switch (value % 3) {
                    case 0 -> list.removeAll();
                    case 1 -> {
                        for (int i = 0; i < 20 && !old.isEmpty(); i++) {
                            list.add(old.get(0).deepCopy());
                        }
                    }
                    default -> {
                        return NODES.objectNode();
                    }
                }
                return list;
            }
            if (old.isObject()) {
                if (value % 2 == 0) {
                    ObjectNode copy = old.deepCopy();
                    copy.put("unknownField", 1);
                    return copy;
                }
                return NODES.arrayNode();
            }
            return NODES.numberNode(change);
        }

        private static void collect(JsonNode node, String path, JsonNode parent, String key, List<JsonNode> parents,
                                    List<String> keys, List<String> paths) {
            if (parent != null) {
                parents.add(parent);
                keys.add(key);
                paths.add(path);
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    collect(e.getValue(), path + "." + e.getKey(), node, e.getKey(), parents, keys, paths);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    collect(node.get(i), path + "[" + i + "]", node, String.valueOf(i), parents, keys, paths);
                }
            }
        }
    }
}

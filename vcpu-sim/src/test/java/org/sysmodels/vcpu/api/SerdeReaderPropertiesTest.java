package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * Any body, for any endpoint, is answered: parsed, or refused with a {@link Json.BodyError} (which the API turns into
 * a 400) — never another exception, which would escape {@link ApiController#handle}. Bodies are objects of keys the
 * schemas know and keys they do not, with values of every JSON shape (escapes, surrogate pairs, huge and negative
 * numbers, floats, nested arrays and objects), laid out with random whitespace and newlines.
 */
class SerdeReaderPropertiesTest {

    static final String[] KEYS = {"drive_id", "is_root_device", "path_on_host", "rate_limiter", "bandwidth", "ops",
        "size", "refill_time", "one_time_burst", "vcpu_count", "mem_size_mib", "smt", "huge_pages", "level",
        "kernel_image_path", "state", "action_type", "snapshot_path", "mem_file_path", "mem_backend", "backend_path",
        "backend_type", "network_overrides", "io_engine", "cache_type", "x", "é"};
    static final String[] VALUES = {"\"s\"", "\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\"", "\"rootfs\"", "\"Paused\"",
        "\"Async\"", "\"2M\"", "\"InstanceStart\"", "\"Info\"", "\"WARN\"", "1", "-1", "0", "256", "65536",
        "18446744073709551615", "18446744073709551616", "-9223372036854775809", "1.5", "-0.0", "1e3", "1E400",
        "null", "true", "false", "[]", "[1, \"a\", {\"b\": [null]}]", "{}", "{\"size\": 1, \"refill_time\": 100}",
        "{\"ops\": {\"size\": 1, \"refill_time\": 1}, \"bandwidth\": null}", "{\"backend_path\": \"p\", "
        + "\"backend_type\": \"File\"}", "[{\"iface_id\": \"n\"}]"};
    static final String[] SPACE = {"", " ", "\n", " \n\t ", "\r\n"};
    static final List<String> PATHS = List.of("PUT /drives/d", "PATCH /drives/d", "PUT /machine-config",
            "PATCH /machine-config", "PUT /boot-source", "PUT /logger", "PUT /metrics", "PUT /actions", "PATCH /vm",
            "PUT /snapshot/create", "PUT /snapshot/load", "PUT /network-interfaces/n", "PATCH /network-interfaces/n");
    static final Pattern PLACED = Pattern.compile(".* at line \\d+ column \\d+$", Pattern.DOTALL);
    /** request/snapshot.rs raises these with serde_json::Error::custom after parsing: no position. */
    static final Pattern SNAPSHOT_LOAD = Pattern.compile("(too many fields|missing field): either .*");

    static String body(List<Integer> seeds) {
        StringBuilder b = new StringBuilder("{");
        for (int k = 0; k + 2 < seeds.size(); k += 3) {
            int s = Math.abs(seeds.get(k + 2));
            b.append(k == 0 ? "" : ",").append(SPACE[s % SPACE.length]).append('"')
                    .append(KEYS[Math.abs(seeds.get(k)) % KEYS.length]).append('"').append(SPACE[s / 7 % SPACE.length])
                    .append(':').append(SPACE[s / 49 % SPACE.length])
                    .append(VALUES[Math.abs(seeds.get(k + 1)) % VALUES.length]).append(SPACE[s / 343 % SPACE.length]);
        }
        return b.append('}').toString();
    }

    @Test
    void everyBodyIsParsedOrRefusedWithAPlacedBodyError() {
        int[] outcomes = new int[2];
        Props.property(2000).forAll(integers().between(0, PATHS.size() - 1),
                lists().of(integers().all()).ofSizeBetween(0, 18)).checkAssert((p, seeds) -> {
                    String[] request = PATHS.get(p).split(" ");
                    String body = body(seeds);
                    try {
                        ParsedRequest.parse(request[0], request[1], body);
                        outcomes[0]++;
                    } catch (Json.BodyError e) {
                        outcomes[1]++;
                        assertTrue(PLACED.matcher(e.getMessage()).matches()
                                || SNAPSHOT_LOAD.matcher(e.getMessage()).matches(), body + " → " + e.getMessage());
                    } catch (ApiFault e) {
                        outcomes[0]++; // parsed, then refused (an id mismatch): also a 400
                    }
                });
        assertTrue(outcomes[0] > 10 && outcomes[1] > 100, "both outcomes are exercised: " + outcomes[0] + " parsed, "
                + outcomes[1] + " refused");
    }
}

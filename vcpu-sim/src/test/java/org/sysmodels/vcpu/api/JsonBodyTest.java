package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Request bodies read as serde_json reads them ({@code serde_json::from_slice}), without a server: serde's words and
 * serde's "at line L column C" (column = bytes consumed on the line), each expected position counted by hand from
 * serde_json's {@code src/de.rs} (which bytes each {@code deserialize_*} consumes before it places an error).
 */
class JsonBodyTest {

    static String bodyError(String method, String uri, String body) {
        return assertThrows(Json.BodyError.class, () -> ParsedRequest.parse(method, uri, body)).getMessage();
    }

    /** serde_json's Deserializer::end: anything but whitespace after the value is "trailing characters". */
    @Test
    void textAfterTheBodyIsRefused() {
        assertEquals("trailing characters at line 1 column 40",
                bodyError("PUT", "/machine-config", "{\"vcpu_count\": 2, \"mem_size_mib\": 128} trailing"));
        assertEquals("trailing characters at line 1 column 39",
                bodyError("PUT", "/machine-config", "{\"vcpu_count\": 2, \"mem_size_mib\": 128}{}"));
        assertEquals("trailing characters at line 2 column 1",
                bodyError("PATCH", "/vm", "{\"state\": \"Paused\"}\n]"));
    }

    /** A field serde refuses is placed where serde_json's reader stood: after the value, the key, or the brace. */
    @Test
    void bodyErrorsSayWhereAsSerdeJsonDoes() {
        assertEquals("missing field `kernel_image_path` at line 1 column 18",
                bodyError("PUT", "/boot-source", "{\"boot_args\": \"x\"}"));
        assertEquals("unknown field `extra`, expected one of `kernel_image_path`, `initrd_path`, `boot_args` at line 1 "
                + "column 34", bodyError("PUT", "/boot-source", "{\"kernel_image_path\": \"k\", \"extra\": 1}"));
        assertEquals("invalid type: string \"2\", expected u8 at line 1 column 18",
                bodyError("PUT", "/machine-config", "{\"vcpu_count\": \"2\", \"mem_size_mib\": 128}"));
        assertEquals("invalid value: integer `256`, expected u8 at line 1 column 18",
                bodyError("PUT", "/machine-config", "{\"vcpu_count\": 256, \"mem_size_mib\": 128}"));
        assertEquals("invalid type: string \"yes\", expected a boolean at line 3 column 25",
                bodyError("PUT", "/drives/d", "{\n  \"drive_id\": \"d\",\n  \"is_root_device\": \"yes\"\n}"));
        assertEquals("missing field `refill_time` at line 1 column 58", bodyError("PATCH", "/drives/rootfs",
                "{\"drive_id\": \"rootfs\", \"rate_limiter\": {\"ops\": {\"size\": 1}}}"));
        assertEquals("duplicate field `drive_id` at line 1 column 28", bodyError("PUT", "/drives/d",
                "{\"drive_id\": \"d\", \"drive_id\": \"d\", \"is_root_device\": true}"));
        assertEquals("invalid type: integer `1`, expected path string at line 1 column 19",
                bodyError("PUT", "/snapshot/create", "{\"snapshot_path\": 1, \"mem_file_path\": \"m\"}"));
        assertEquals("invalid type: string \"a\\\"b\\n\", expected u8 at line 1 column 23",
                bodyError("PUT", "/machine-config", "{\"vcpu_count\": \"a\\\"b\\n\", \"mem_size_mib\": 1}"));
        assertEquals("unknown field `extra`, expected `state` at line 1 column 8",
                bodyError("PATCH", "/vm", "{\"extra\": 1} x"), "the value is read before what trails it");
    }

    /** serde's OneOf: two names are "`a` or `b`"; enums list their variants in declaration order. */
    @Test
    void twoAlternativesAreJoinedWithOr() {
        assertEquals("unknown variant `Stopped`, expected `Paused` or `Resumed` at line 1 column 19",
                bodyError("PATCH", "/vm", "{\"state\": \"Stopped\"}"));
        assertEquals("unknown field `iops`, expected `bandwidth` or `ops` at line 1 column 46",
                bodyError("PATCH", "/drives/rootfs", "{\"drive_id\": \"rootfs\", \"rate_limiter\": {\"iops\": {}}}"));
        assertEquals("unknown variant `Fast`, expected `Async` or `Sync` at line 1 column 62", bodyError("PUT",
                "/drives/d", "{\"drive_id\": \"d\", \"is_root_device\": false, \"io_engine\": \"Fast\"}"));
    }

    /** deserialize_enum takes only a string (or an object): anything else, null too, is "expected value" there. */
    @Test
    void anEnumGivenNullOrANumberIsExpectedValue() {
        assertEquals("expected value at line 1 column 17", bodyError("PUT", "/actions", "{\"action_type\": null}"));
        assertEquals("expected value at line 1 column 11", bodyError("PATCH", "/vm", "{\"state\": 1}"));
    }

    /** An Option field takes null; a #[serde(default)] field may be left out but not be null. */
    @Test
    void nullIsNoneOnlyForOptionFields() {
        assertEquals("invalid type: null, expected a boolean at line 1 column 50", bodyError("PUT", "/machine-config",
                "{\"vcpu_count\": 1, \"mem_size_mib\": 128, \"smt\": null}"));
        assertDoesNotThrow(() -> ParsedRequest.parse("PUT", "/boot-source",
                "{\"kernel_image_path\": \"k\", \"boot_args\": null}"));
    }

    /** logging.rs's LevelFilter has its own Deserialize: "Invalid LevelFilter", placed by the enclosing struct. */
    @Test
    void aBadLogLevelIsFirecrackersOwnError() {
        assertEquals("Invalid LevelFilter at line 1 column 17", bodyError("PUT", "/logger", "{\"level\": \"Loud\"}"));
        assertEquals("Invalid LevelFilter at line 1 column 16",
                bodyError("PUT", "/logger", "{\"level\": \"Loud\", \"show_level\": true}"));
        assertDoesNotThrow(() -> ParsedRequest.parse("PUT", "/logger", "{\"level\": \"WARN\"}"));
    }

    /** utils/net/mac.rs: MacAddr's own Deserialize refuses what FromStr refuses; the address is kept as Display. */
    @Test
    void aGuestMacIsSixTwoDigitHexPartsOrFirecrackersOwnError() throws Exception {
        assertEquals("The provided MAC address is invalid. at line 1 column 76", bodyError("PUT",
                "/network-interfaces/net1", "{\"iface_id\": \"net1\", \"host_dev_name\": \"tap0\", "
                        + "\"guest_mac\": \"06:00:AC:10:00\"}"));
        for (String bad : new String[] {"06:00:AC:10:00:2", "06:00:AC:10:00:0g", "06:00:AC:10:00:02:", "06-00-AC-10-00-02",
            "06:00:AC:10:00:-1", "06:00:AC:10:00:é"}) {
            assertTrue(bodyError("PUT", "/network-interfaces/n", "{\"iface_id\": \"n\", \"host_dev_name\": \"t\", "
                    + "\"guest_mac\": \"" + bad + "\"}").startsWith("The provided MAC address is invalid."), bad);
        }
        assertEquals("06:00:ac:10:00:02", MacAddress.canonical("06:00:AC:10:00:02"));
        assertEquals("0a:00:00:00:00:01", MacAddress.canonical("+a:00:00:00:00:01"), "u8::from_str_radix takes a '+'");
    }

    /** checked_id is Rust's char::is_alphanumeric over Unicode, not ASCII and not Java's isLetterOrDigit. */
    @Test
    void resourceIdsAreRustAlphanumericsAndUnderscores() throws Exception {
        for (String id : new String[] {"disk_é", "disk²", "Ⅻ", "\uD835\uDC00", "_"}) {
            assertTrue(ParsedRequest.parse("PUT", "/drives/" + id, "{\"drive_id\": \"" + id + "\", "
                    + "\"is_root_device\": false}") instanceof VmmAction.InsertBlockDevice, id);
        }
        for (String id : new String[] {"a-b", "a.b", "a b", "a\u200Bb"}) {
            assertEquals("API Resource IDs can only contain alphanumeric characters and underscores.",
                    assertThrows(ApiFault.class, () -> ParsedRequest.parse("PUT", "/drives/" + id,
                            "{\"drive_id\": \"x\", \"is_root_device\": false}")).getMessage(), id);
        }
        assertTrue(ParsedRequest.parse("GET", "machine-config", null) instanceof VmmAction.GetVmInstanceInfo,
                "get_abs_path: a target without '/' is the empty path");
    }
}

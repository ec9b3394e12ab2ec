package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Request bodies read as serde_json reads them ({@code serde_json::from_slice}), without a server. */
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
}

package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.cluster.SentSoFar;

/** What a session record's {@code q} and {@code u} (touch.lua) tell a node a client resumes on, and what they do not. */
class SentSoFarFieldsTest {

    private static Map<String, byte[]> record(String q, String u) {
        Map<String, byte[]> f = new HashMap<>();
        if (q != null) {
            f.put("q", q.getBytes(StandardCharsets.US_ASCII));
        }
        if (u != null) {
            f.put("u", u.getBytes(StandardCharsets.US_ASCII));
        }
        return f;
    }

    @Test
    void bothNumbersAreWhatWasSent() {
        assertEquals(new SentSoFar(41, 3), Moves.sentSoFar(record("41", "3")));
        assertEquals(new SentSoFar(3, 3), Moves.sentSoFar(record("3", "3")));
    }

    @Test
    void anythingElseIsUnknownSoTheSeqIsNotJudged() {
        for (Map<String, byte[]> f : java.util.List.of(record(null, null), record("41", null), record(null, "3"),
                record("x", "3"), record("41", "-1"), record("-1", "-1"), record("3", "41"),
                record("99999999999999999999", "1"), record("4 1", "3"))) {
            assertEquals(SentSoFar.UNKNOWN, Moves.sentSoFar(f));
        }
    }
}

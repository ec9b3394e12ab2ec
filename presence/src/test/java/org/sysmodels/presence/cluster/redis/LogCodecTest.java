package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The log reader's codec leaves out only the sessions of this node's own batches, and decodes every other field as
 * bytes, whatever came before it.
 */
class LogCodecTest {

    private static ByteBuffer direct(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer d = ByteBuffer.allocateDirect(b.length + 2).put((byte) 9).put(b).put((byte) 9);
        return d.position(1).limit(1 + b.length);
    }

    /** Decodes entries (field, value, field, value...) in order, as Lettuce's stream output does. */
    private static List<Map<String, String>> decode(LogCodec codec, List<List<String>> entries) {
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> e : entries) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < e.size(); i += 2) {
                String k = codec.decodeKey(direct(e.get(i)));
                m.put(k, new String(codec.decodeValue(direct(e.get(i + 1))), StandardCharsets.UTF_8));
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void leavesOutOnlyTheSessionsOfItsOwnBatches() {
        LogCodec codec = new LogCodec("n1");
        List<List<String>> in = List.of(
                List.of("k", "batch", "w", "n1", "b", "mine"),
                List.of("k", "batch", "w", "n2", "b", "theirs"),
                List.of("k", "batch", "w", "n10", "b", "a prefix of another name"),
                List.of("k", "end", "sid", "s1", "w", "n1"),
                List.of("k", "batch", "b", "b before w", "w", "n1"),
                List.of("k", "up", "sid", "s2", "w", "n1", "n", "n1", "g", "3", "r", "state"),
                List.of("w", "n1", "k", "batch", "b", "a k between"),
                List.of("k", "batch", "w", "n1", "b", ""),
                List.of("k", "batch", "w", "n2", "b", "after an empty one"));
        List<Map<String, String>> out = decode(codec, in);
        assertEquals("", out.get(0).get("b"));
        assertEquals("n1", out.get(0).get("w"));
        for (int i = 1; i < in.size(); i++) {
            List<String> e = in.get(i);
            for (int f = 0; f < e.size(); f += 2) {
                assertEquals(e.get(f + 1), out.get(i).get(e.get(f)), "entry " + i + " field " + e.get(f));
            }
        }
        assertArrayEquals("{pres}:log".getBytes(StandardCharsets.UTF_8),
                codec.encodeKey("{pres}:log").array());
    }
}

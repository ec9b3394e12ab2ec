package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.presence.Activity;

/** The load generator's send time as the hops read it from an activity and from a PRESENCE_UPDATE body. */
class HopsTest {

    @Test
    void readsTheSendTimeFromTheFirstActivity() {
        assertEquals(123456789L, Hops.sentAt(List.of(new Activity("load 123456789/1", 0))));
        assertEquals(42L, Hops.sentAt(List.of(new Activity("load 42", 0), new Activity("load 7", 0))));
        assertEquals(0L, Hops.sentAt(List.of(new Activity("chess", 0))));
        assertEquals(0L, Hops.sentAt(List.of()));
    }

    @Test
    void readsTheSendTimeFromABody() {
        byte[] body = ("{\"user\":{\"id\":\"7\"},\"status\":\"dnd\",\"activities\":[{\"name\":\"load 9876543210/0\","
                + "\"type\":0}]}").getBytes(StandardCharsets.UTF_8);
        assertEquals(9876543210L, Hops.sentAt(body));
        assertEquals(0L, Hops.sentAt("{\"activities\":[{\"name\":\"loader\"}]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0L, Hops.sentAt(new byte[0]));
    }
}

package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.cluster.redis.RedisCluster;
import org.sysmodels.presence.gateway.protocol.Intents;
import org.sysmodels.presence.model.core.PresenceObserver;

/**
 * Request Guild Members (op 8) for the whole list after a Resume on another node of a cluster (two nodes in this JVM
 * over a real redis-server): the GUILD_MEMBERS bit of the Identify (gateway-events.mdx "Request Guild Members":
 * "GUILD_MEMBERS intent is required to request the entire member list") travels with the session's state, so node b
 * answers or refuses as node a, which took the Identify, would; where the state does not record the bit (a writer
 * from before it did) node b answers rather than close a client for a bit it does not know.
 */
class ClusterGuildMembersTest extends RedisNodesFixture {

    private static final String WHOLE_GUILD_9001 = "{\"op\":8,\"d\":{\"guild_id\":\"9001\",\"query\":\"\",\"limit\":0}}";

    private GatewayServer node() throws Exception {
        GatewayServer s = GatewayServer.start(ClusterGatewayTest.config(), ClusterGatewayTest.world(), null,
                PresenceObserver.NONE, RedisCluster.factory(RedisCluster.parse(redis.uri()), line -> { }));
        nodes.add(s);
        return s;
    }

    private TestClient client(GatewayServer node) throws Exception {
        TestClient c = TestClient.connect(clients, node.gatewayUrl() + "?v=10&encoding=json");
        opened.add(c);
        return c;
    }

    /** A session of ada (guild 9001 holds ada and carol) identified on a with {@code intents}, lost, resumed on b. */
    private TestClient adaResumedOnB(long intents, boolean asAnOldNodeWroteIt) throws Exception {
        GatewayServer a = node();
        GatewayServer b = node();
        TestClient ada = client(a);
        String session = ada.identify("t-ada", "online", "desktop", intents).path("d").path("session_id").asText();
        ada.ws.close(4000);                                 // not 1000/1001: the session stays resumable
        assertEquals(4000, ada.closeCode());
        String key = "{pres}:s:" + session;                 // cluster.redis.Keys.session
        ClusterGatewayTest.awaitTrue(() -> recorded(key), "node a recorded what it sent ada (touch.lua's q)");
        if (asAnOldNodeWroteIt) {
            // the state's flags byte (the sixth) with GUILD_PRESENCES alone, as a node from before the bit wrote it
            redis.command("EVAL", "local r = redis.call('HGET', KEYS[1], 'r') return redis.call('HSET', KEYS[1], "
                    + "'r', string.sub(r, 1, 5) .. string.char(string.byte(r, 6) % 2) .. string.sub(r, 7))", "1", key);
        }
        TestClient again = client(b);
        again.hello();
        again.send(TestClient.resume("t-ada", session, ada.receivedSeq()));
        again.nextDispatch("RESUMED");
        return again;
    }

    private static boolean recorded(String key) {
        try {
            return redis.command("HGET", key, "q") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The session identified with GUILD_MEMBERS on a: b closed the request with 4001, the bit having been lost. */
    @Test
    void aSessionIdentifiedWithGuildMembersGetsTheWholeListOnAnotherNode() throws Exception {
        TestClient ada = adaResumedOnB(Intents.GUILDS | Intents.GUILD_MEMBERS, false);
        ada.send(WHOLE_GUILD_9001);
        JsonNode chunk = ada.nextDispatch("GUILD_MEMBERS_CHUNK").path("d");
        List<String> ids = new ArrayList<>();
        chunk.path("members").forEach(m -> ids.add(m.path("user").path("id").asText()));
        assertEquals(List.of("1001", "1004"), ids.stream().sorted().toList(), "guild 9001's members: " + chunk);
    }

    @Test
    void aSessionIdentifiedWithoutGuildMembersIsRefusedOnAnotherNodeToo() throws Exception {
        TestClient ada = adaResumedOnB(Intents.GUILDS | Intents.GUILD_PRESENCES, false);
        ada.send(WHOLE_GUILD_9001);
        for (JsonNode n = ada.nextOrClosed(); n != null; n = ada.nextOrClosed()) {
            assertFalse("GUILD_MEMBERS_CHUNK".equals(n.path("t").asText()), "a chunk without the intent: " + n);
        }
        assertEquals(4001, ada.closeCode());
        assertTrue(ada.closeReason.contains("GUILD_MEMBERS"), ada.closeReason);
    }

    /** A state that does not say (written before the bit was recorded): answered, as before, never closed. */
    @Test
    void aSessionWhoseStateDoesNotRecordTheBitIsAnswered() throws Exception {
        TestClient ada = adaResumedOnB(Intents.GUILDS | Intents.GUILD_PRESENCES, true);
        ada.send(WHOLE_GUILD_9001);
        assertEquals(2, ada.nextDispatch("GUILD_MEMBERS_CHUNK").path("d").path("members").size());
    }
}

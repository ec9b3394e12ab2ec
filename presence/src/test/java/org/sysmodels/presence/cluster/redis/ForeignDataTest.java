package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.Status;

/**
 * What a node does with data in Redis that is not its cluster's: keys of another type, records and log entries of
 * another program or version. It names the key (and the entry) and why, refuses to join where a script could not run,
 * and otherwise skips what it cannot read and keeps every session it holds. A real redis-server on loopback.
 */
class ForeignDataTest {

    static RedisServer redis;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<ModelNode> nodes = new ArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        redis.command("FLUSHALL");
    }

    @AfterEach
    void close() {
        nodes.forEach(ModelNode::close);
    }

    ModelNode node() {
        ModelNode n = new ModelNode(nodes.size(), new ArrayList<>(), redis.uri(), log::add);
        nodes.add(n);
        return n;
    }

    String logged() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    @Test
    void aFixedKeyOfAnotherTypeIsRefusedAtJoinByName() throws Exception {
        for (Map.Entry<String, String> k : KeyTypes.EXPECTED.entrySet()) {
            redis.command("FLUSHALL");
            if (k.getValue().equals("string")) {
                redis.command("RPUSH", k.getKey(), "x");
            } else {
                redis.command("SET", k.getKey(), "x");
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, this::node, k.getKey());
            assertTrue(e.getMessage().contains("Redis key " + k.getKey() + " holds a "), e.getMessage());
        }
    }

    @Test
    void aSessionRecordOfAnotherTypeOrLayoutIsSkippedByName() throws Exception {
        redis.command("SET", Keys.session("foreign"), "x");
        redis.command("HSET", Keys.session("old"), "user", "1", "status", "online");
        redis.command("HSET", Keys.session("bad-gen"), "n", "elsewhere", "g", "zz", "r", "xx");
        node();
        String l = logged();
        assertTrue(l.contains("skipped record {pres}:s:foreign: WRONGTYPE"), l);
        assertTrue(l.contains("skipped record {pres}:s:old: no field"), l);
        assertTrue(l.contains("skipped record {pres}:s:bad-gen: not a number"), l);
        assertEquals(3, nodes.get(0).backend.stats().malformed.get());
    }

    @Test
    void malformedLogEntriesAreNamedAndTheNodeKeepsItsSessionsAndReadsOn() throws Exception {
        ModelNode a = node();
        ModelNode b = node();
        b.call(() -> b.backend.identify(1, Platform.DESKTOP, 0, null, false, "held-by-b", System.nanoTime()));
        List<String> ids = new ArrayList<>();
        ids.add((String) redis.command("XADD", Keys.LOG, "*", "k", "batch", "w", "intruder", "b", "garbage"));
        ids.add((String) redis.command("XADD", Keys.LOG, "*", "foo", "bar"));
        ids.add((String) redis.command("XADD", Keys.LOG, "*", "k", "ups", "w", "old-node", "b", "1\t2"));
        ids.add((String) redis.command("XADD", Keys.LOG, "*", "k", "up", "w", "intruder", "sid", "x"));
        ids.add((String) redis.command("XADD", Keys.LOG, "*", "k", "end", "w", "intruder"));
        a.call(() -> a.backend.identify(0, Platform.MOBILE, 0, null, false, "after", System.nanoTime()));
        b.await(() -> b.backend.knows("after"), () -> "the entry after the foreign ones");
        String l = logged();
        for (String id : ids) {
            assertTrue(l.contains("skipped {pres}:log entry " + id), id + " named in\n" + l);
        }
        assertTrue(l.contains("written by intruder: a text of "), l);
        assertTrue(l.contains("(no writer): no field k"), l);
        assertTrue(l.contains("unknown entry kind ups"), l);
        assertTrue(b.call(() -> b.backend.knows("held-by-b")), "b keeps its own session");
        assertTrue(b.call(() -> b.backend.connected()), "b stays up");
    }

    @Test
    void aKeyTurnedToAnotherTypeWhileUpKeepsTheNodeDownSayingWhichUntilItIsGone() throws Exception {
        ModelNode a = node();
        a.call(() -> a.backend.identify(2, Platform.WEB, 0, null, false, "kept", System.nanoTime()));
        redis.command("DEL", Keys.DUE);
        redis.command("SET", Keys.DUE, "not a sorted set");
        a.await(() -> logged().contains("Redis key {pres}:due holds a string"), () -> "the key named in\n"
                + logged());
        assertTrue(a.call(() -> !a.backend.connected()), "down while the key is foreign");
        assertTrue(a.call(() -> a.backend.knows("kept")), "its session kept");
        redis.command("DEL", Keys.DUE);
        a.await(() -> a.backend.connected(), () -> "up again once the key is gone");
        a.await(() -> {
            try {
                return redis.command("EXISTS", Keys.session("kept")).equals(1L);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, () -> "its session registered again");
    }

    @Test
    void anEntryIdFarInTheFutureIsReadAndTheLogGoesOnAfterIt() throws Exception {
        ModelNode a = node();
        ModelNode b = node();
        String far = (String) redis.command("XADD", Keys.LOG, "9223372036854775808-5", "k", "end", "w", "intruder",
                "sid", "nobody");
        a.call(() -> a.backend.identify(0, Platform.MOBILE, 0, null, false, "after-far", System.nanoTime()));
        b.await(() -> b.backend.knows("after-far"), () -> "the change written after " + far + "\n" + logged());
        assertTrue(b.call(() -> b.backend.connected()), logged());
    }

    @Test
    void aLogAtItsLastPossibleIdIsNamedAndTheNodesKeepTheirSessions() throws Exception {
        ModelNode a = node();
        a.call(() -> a.backend.identify(0, Platform.MOBILE, 0, null, false, "before", System.nanoTime()));
        redis.command("XADD", Keys.LOG, StreamIds.LAST, "k", "end", "w", "intruder",
                "sid", "nobody");
        a.call(() -> a.backend.identify(1, Platform.MOBILE, 0, null, false, "stuck", System.nanoTime()));
        a.await(() -> logged().contains("Redis key {pres}:log ends at entry " + StreamIds.LAST),
                () -> "the log named in\n" + logged());
        assertTrue(a.call(() -> a.backend.knows("before") && a.backend.knows("stuck")), "sessions kept");
        redis.command("DEL", Keys.LOG);
        a.await(() -> a.backend.connected(), () -> "up again once the log is gone\n" + logged());
    }

    @Test
    void aSessionALogEntryOpenedWithoutARecordEndsInsteadOfStayingOnlineForever() throws Exception {
        ModelNode a = node();
        ModelNode b = node();
        a.call(() -> a.backend.identify(0, Platform.MOBILE, 0, null, false, "real", System.nanoTime()));
        byte[] state = StateBytes.state(1, 0, 0, Status.DND.ordinal(), List.of(), 0);
        byte[] head = StateBytes.head("ghost", 1, state.length);
        byte[] body = new byte[head.length + state.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(state, 0, body, head.length, state.length);
        for (byte x : body) {
            assertTrue(x >= 0, "ASCII only: RedisServer.command sends text");
        }
        redis.command("XADD", Keys.LOG, "*", "k", "batch", "w", "intruder", "b",
                new String(body, java.nio.charset.StandardCharsets.US_ASCII));
        b.await(() -> b.backend.knows("ghost"), () -> "the entry applied");
        b.await(() -> !b.backend.knows("ghost"), () -> "the session without a record ended\n" + logged());
        assertTrue(logged().contains("ended session ghost here: a {pres}:log entry opened it, and its record "
                + "{pres}:s:ghost is not in Redis"), logged());
        assertEquals(Status.OFFLINE, b.call(() -> b.backend.presence(1).status()));
        assertTrue(b.call(() -> b.backend.knows("real")), "a session with its record stays");
    }

    @Test
    void aRedisOfAnOlderOrOtherVersionIsRefusedSayingSo() throws Exception {
        redis.command("SET", Keys.WORLD, "6 users/4efc6a9717555a6763eb6a85");
        IllegalStateException old = assertThrows(IllegalStateException.class, this::node);
        assertTrue(old.getMessage().startsWith("cannot join the presence cluster at " + redis.uri()
                + ": Redis holds an older version's cluster: {pres}:world has 6 users/4efc6a9717555a6763eb6a85, "
                + "with no log layout, this node's layout is log v" + StateBytes.VERSION), old.getMessage());
        redis.command("SET", Keys.WORLD, "6 users/4efc6a9717555a6763eb6a85/log v99");
        IllegalStateException other = assertThrows(IllegalStateException.class, this::node);
        assertTrue(other.getMessage().contains("Redis holds a cluster of another version: {pres}:world has "
                + "6 users/4efc6a9717555a6763eb6a85/log v99"), other.getMessage());
    }

    @Test
    void aSessionsRecordReplacedByAnotherTypeIsNamedAndTheNodesOtherSessionsStillShared() throws Exception {
        ModelNode a = node();
        ModelNode b = node();
        int mine = a.call(() -> a.backend.identify(0, Platform.MOBILE, 0, null, false, "mine", System.nanoTime()));
        int other = a.call(() -> a.backend.identify(2, Platform.WEB, 0, null, false, "other", System.nanoTime()));
        b.await(() -> b.backend.knows("mine") && b.backend.knows("other"), () -> "both sessions shared");
        redis.command("DEL", Keys.session("mine"));
        redis.command("SET", Keys.session("mine"), "another program's");
        PresenceUpdate dnd = new PresenceUpdate(null, List.of(), Status.DND, false);
        a.call(() -> {
            a.backend.update(mine, dnd, System.nanoTime());
            a.backend.update(other, dnd, System.nanoTime());
            return null;
        });
        b.await(() -> b.backend.presence(2).status() == Status.DND, () -> "the other session's change shared\n"
                + logged());
        a.await(() -> logged().contains("skipped writing record {pres}:s:mine of a session held here: it holds a "
                + "string, not a session record"), () -> "the key named\n" + logged());
        assertTrue(a.call(() -> a.backend.connected() && a.backend.knows("mine")), "a stays up and keeps it");
        assertEquals("another program's", redis.command("GET", Keys.session("mine")), "the key left alone");
    }

    @Test
    void resumingEndingOrDetachingASessionWhoseKeyIsForeignLeavesItAloneWithoutAnOutage() throws Exception {
        ModelNode a = node();
        int mine = a.call(() -> a.backend.identify(0, Platform.MOBILE, 0, null, false, "mine", System.nanoTime()));
        a.await(() -> a.backend.pending() == 0, () -> "the open answered");
        redis.command("DEL", Keys.session("mine"));
        redis.command("SET", Keys.session("mine"), "another program's");
        redis.command("HSET", Keys.session("short"), "n", "elsewhere", "g", "1", "r", "x");
        redis.command("HSET", Keys.session("badgen"), "n", "elsewhere", "g", "zz", "r", "\0\0\0\0");
        a.call(() -> {
            a.backend.detach(mine, System.nanoTime());
            return null;
        });
        a.await(() -> logged().contains("skipped writing record {pres}:s:mine of a session held here: it holds a "
                + "string"), () -> "the key named\n" + logged());
        for (String sid : List.of("mine", "short", "badgen", "missing")) {
            java.util.concurrent.CompletableFuture<org.sysmodels.presence.model.cluster.Adoption> adopted =
                    new java.util.concurrent.CompletableFuture<>();
            a.call(() -> {
                a.backend.adopt(sid, 0, 0, System.nanoTime(), adopted::complete);
                return null;
            });
            assertEquals(org.sysmodels.presence.model.cluster.Adoption.NONE,
                    adopted.get(30, java.util.concurrent.TimeUnit.SECONDS), sid);
        }
        a.call(() -> {
            a.backend.end(mine, System.nanoTime());
            return null;
        });
        a.await(() -> a.backend.pending() == 0, () -> "the end answered");
        assertEquals(0, a.backend.stats().outages.get(), logged());
        assertEquals("another program's", redis.command("GET", Keys.session("mine")), "the key left alone");
    }
}

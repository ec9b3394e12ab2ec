package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Status;

/**
 * The log's entry formats as write.lua, end.lua and takeover.lua write them, and {@link StateBytes}'s layouts (the
 * scripts run against a real Redis in RedisClusterModelTest and ClusterGatewayTest).
 */
class LogEntryTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A batch as write.lua concatenates it: head and state of each session, in order. */
    private static byte[] batch(List<LogEntry.Upsert> ups) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (LogEntry.Upsert u : ups) {
            byte[] state = StateBytes.state(u.user(), u.platform().ordinal(), u.flags(),
                    u.status().ordinal(), u.activities(), u.at());
            out.writeBytes(StateBytes.head(u.sessionId(), u.gen(), state.length));
            out.writeBytes(state);
        }
        return out.toByteArray();
    }

    private static LogEntry.Upsert up(String sid, long gen, int user, int p, boolean guild, int s,
                                      List<Activity> a, long at) {
        return new LogEntry.Upsert(sid, "n1", "n1", gen, user, Platform.ofOrdinal(p), guild ? 1 : 0,
                Status.ofOrdinal(s), a, at);
    }

    @Test
    void aBatchEntryCarriesEveryChangeOfOneWriteCallInOrder() {
        List<LogEntry.Upsert> ups = List.of(
                up("s1", 1, 3, 0, true, 2, List.of(new Activity("x", 0)), 99),
                up("s2", 4, 5, 1, false, 0, List.of(), 100));
        assertEquals(ups, LogEntry.parseAll(Map.of("k", b("batch"), "w", b("n1"), "b", batch(ups)), 10));
    }

    @Test
    void statesRoundTripWhateverTheirTextAndNumbers() {
        // code points outside the surrogates (a lone surrogate has no UTF-8 form), plus one beyond the BMP per list
        Props.property().forAll(strings().betweenCodePoints(1, 0xD7FF).ofLengthBetween(1, 30), longs().all(), integers().between(0, 999),
                        lists().of(strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 20))
                                .ofSizeBetween(0, 4))
                .checkAssert((sid, gen, user, names) -> {
                    long at = Long.rotateLeft(gen, 17) ^ user;
                    List<Activity> a = names.stream().map(n -> new Activity(n + "\uD83C\uDFAE", n.length() % 6))
                            .toList();
                    List<LogEntry.Upsert> ups = List.of(
                            up(sid, gen, user, user % Platform.count(), (user & 1) == 0, user % Status.values().length,
                                    a, at),
                            up(sid + "2", gen + 1, 999 - user, 0, false, 0, List.of(), -at));
                    assertEquals(ups, StateBytes.batch("n1", batch(ups), 1000));
                });
    }

    /** The layouts as the docs write them, built with a ByteBuffer (big-endian): the reference for the bytes. */
    private static byte[] referenceState(int user, int p, int flags, int s, List<Activity> a, long at) {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        for (Activity x : a) {
            byte[] n = b(x.name());
            names.writeBytes(java.nio.ByteBuffer.allocate(8).putInt(x.type()).putInt(n.length).array());
            names.writeBytes(n);
        }
        return java.nio.ByteBuffer.allocate(17 + names.size()).putInt(user).put((byte) p).put((byte) flags)
                .put((byte) s).putLong(at).putShort((short) a.size()).put(names.toByteArray()).array();
    }

    @Test
    void statesAndHeadsHaveTheDocumentedBytes() {
        // takeover.lua reads the user with struct.unpack('>i4', r), and nodes of one version must agree byte for byte
        Props.property().forAll(strings().betweenCodePoints(1, 0xD7FF).ofLengthBetween(1, 30), longs().all(),
                        integers().between(-5, Integer.MAX_VALUE),
                        lists().of(strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 20)).ofSizeBetween(0, 4))
                .checkAssert((sid, gen, user, names) -> {
                    List<Activity> a = names.stream().map(n -> new Activity(n, n.length() % 6)).toList();
                    long at = Long.rotateLeft(gen, 29) ^ user;
                    byte[] state = StateBytes.state(user, user & 7, user & 1, user % 5 & 3, a, at);
                    assertEquals(Arrays.toString(referenceState(user, user & 7, user & 1, user % 5 & 3, a, at)),
                            Arrays.toString(state));
                    byte[] id = b(sid);
                    byte[] head = java.nio.ByteBuffer.allocate(14 + id.length).putShort((short) id.length).put(id)
                            .putLong(gen).putInt(state.length).array();
                    assertEquals(Arrays.toString(head),
                            Arrays.toString(StateBytes.head(sid, gen, state.length)));
                });
    }

    @Test
    void asciiAndOtherNamesMixedHaveTheDocumentedBytes() {
        // ASCII names are copied char by char, others encoded: both in one state, in any order
        Props.property().forAll(lists().of(strings().ascii().ofLengthBetween(0, 20)
                                .zip(strings().betweenCodePoints(0x80, 0xD7FF).ofLengthBetween(0, 3),
                                        integers().between(0, 2), (ascii, other, how) -> switch (how) {
                                            case 0 -> ascii;
                                            case 1 -> ascii + other;
                                            default -> other + ascii;
                                        }))
                        .ofSizeBetween(0, 5), integers().between(0, 1000))
                .checkAssert((names, user) -> {
                    List<Activity> a = names.stream().map(n -> new Activity(n, n.length() % 6)).toList();
                    assertEquals(Arrays.toString(referenceState(user, 1, 0, 2, a, user * 7L)),
                            Arrays.toString(StateBytes.state(user, 1, 0, 2, a, user * 7L)));
                    assertEquals(List.of(up("s", 3, user, 1, false, 2, a, user * 7L)),
                            StateBytes.batch("n1", batch(List.of(up("s", 3, user, 1, false, 2, a, user * 7L))), 1001));
                });
    }

    @Test
    void aBatchThatDoesNotFitTheLayoutIsMalformedWholly() {
        List<LogEntry.Upsert> ups = List.of(up("s1", 1, 3, 0, true, 2, List.of(new Activity("game", 1)), 99),
                up("s2", 2, 4, 0, true, 2, List.of(), 99));
        byte[] whole = batch(ups);
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            if (cut != batch(ups.subList(0, 1)).length) {
                assertThrows(LogEntry.Malformed.class, () -> StateBytes.batch("n1", part, 10), "cut at " + cut);
            }
        }
        assertThrows(LogEntry.Malformed.class, () -> StateBytes.batch("n1", whole, 4), "user 4 outside a world of 4");
        byte[] badType = batch(List.of(up("s1", 1, 3, 0, true, 2, List.of(new Activity("game", 1)), 99)));
        badType[badType.length - 4 - 4 - 4] = 9;   // the activity's type: 9 is no type
        assertThrows(LogEntry.Malformed.class, () -> StateBytes.batch("n1", badType, 10));
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.parseAll(Map.of("k", b("batch"), "w", b("n1")), 10));
    }

    @Test
    void aStateLargerThanAnyGatewayUpdateMakesIsMalformed() {
        // the largest state one Presence Update of 4096 bytes could give: one activity whose name fills the rest
        String fits = "x".repeat(StateBytes.MAX_STATE - 17 - 8);
        List<LogEntry.Upsert> ok = List.of(up("s1", 1, 3, 0, true, 2, List.of(new Activity(fits, 0)), 99));
        assertEquals(ok, StateBytes.batch("n1", batch(ok), 10));
        List<LogEntry.Upsert> big = List.of(up("s1", 1, 3, 0, true, 2, List.of(new Activity(fits + "x", 0)), 99));
        LogEntry.Malformed m = assertThrows(LogEntry.Malformed.class, () -> StateBytes.batch("n1", batch(big), 10));
        assertTrue(m.getMessage().contains("a state of " + (StateBytes.MAX_STATE + 1) + " bytes"), m.getMessage());
        assertThrows(LogEntry.Malformed.class, () -> StateBytes.upsert(StateBytes.state(3, 0, 1, 2,
                List.of(new Activity(fits + "x", 0)), 99), "s1", "n1", "n1", 1, 10));
    }

    @Test
    void textBatchesOfTheOldFormatAreMalformedNotMisread() {
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.parseAll(Map.of("k", b("ups"), "w", b("n1"), "b",
                b("s1\t1\t3\t0\t1\t2\t\t99")), 10));
    }

    @Test
    void endsAndTakeOversParse() {
        assertEquals(List.of(new LogEntry.Ended("s1", "sweep@n1")),
                LogEntry.parseAll(Map.of("k", b("end"), "sid", b("s1"), "w", b("sweep@n1")), 10));
        byte[] r = StateBytes.state(7, 1, 1, 3, List.of(new Activity("tea", 2)), 42);
        assertEquals(List.of(new LogEntry.Upsert("s9", "n2", "n2", 5, 7, Platform.ofOrdinal(1), 1,
                        Status.ofOrdinal(3), List.of(new Activity("tea", 2)), 42)),
                LogEntry.parseAll(Map.of("k", b("up"), "sid", b("s9"), "w", b("n2"), "n", b("n2"), "g", b("5"),
                        "r", r), 10));
        assertEquals(new LogEntry.Upsert("s9", "n3", "n3", 6, 7, Platform.ofOrdinal(1), 1, Status.ofOrdinal(3),
                List.of(new Activity("tea", 2)), 42), LogEntry.record("s9", Map.of("n", b("n3"), "g", b("6"), "r", r),
                10));
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.record("s9", Map.of("n", b("n3"), "g", b("x"), "r", r),
                10));
    }
}

package org.sysmodels.presence.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.ClientStatus;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.Status;

class PayloadsTest {

    /** The fan-out's byte envelope is exactly the String dispatch it replaces, for any seq and body. */
    @Test
    void presenceUpdateBytesAreTheDispatchText() {
        Props.property().forAll(longs().between(0, Long.MAX_VALUE), strings().basicLatinAlphabet().ofLengthBetween(0, 40))
                .checkAssert((seq, body) -> {
                    String encoded = "{\"x\":\"" + body.replace("\\", "").replace("\"", "") + "\"}";
                    assertEquals(Payloads.dispatch(seq, "PRESENCE_UPDATE", encoded), new String(
                            Payloads.presenceUpdate(seq, Payloads.utf8(encoded)), StandardCharsets.UTF_8));
                });
    }

    @Test
    void digitsAtTheEdges() {
        for (long seq : new long[] {0, 9, 10, 99, 100, 1_000_000_007L, Long.MAX_VALUE}) {
            assertEquals(Payloads.dispatch(seq, "PRESENCE_UPDATE", "{}"),
                    new String(Payloads.presenceUpdate(seq, Payloads.utf8("{}")), StandardCharsets.US_ASCII));
        }
    }

    /**
     * The fan-out's byte body is exactly the text body's UTF-8, for any status, client status and activities, with
     * names and ids of any UTF-16 (unpaired surrogates, pairs, controls, quotes).
     */
    @Test
    void presenceBodyBytesAreTheTextBodysUtf8() {
        Gen<String> text = strings().allPossible().ofLengthBetween(0, 12)
                .mix(strings().basicLatinAlphabet().ofLengthBetween(0, 12), 50);
        Gen<Activity> activity = text.zip(integers().between(0, Activity.MAX_TYPE), Activity::new);
        Status[] shown = {Status.ONLINE, Status.IDLE, Status.DND, Status.OFFLINE};
        Gen<Presence> presence = integers().between(0, shown.length - 1)
                .zip(integers().between(0, 1 << 12), lists().of(activity).ofSizeBetween(0, 3),
                        (st, platforms, acts) -> {
                            ClientStatus cs = ClientStatus.NONE;
                            for (Platform pl : Platform.values()) {
                                int v = platforms >> (pl.ordinal() * 3) & 7;
                                if (v < 3) {
                                    cs = cs.with(pl, shown[v]);
                                }
                            }
                            return new Presence(7, shown[st], cs, List.copyOf(acts), 3, 5);
                        });
        Props.property().forAll(presence, text, text.mix(strings().basicLatinAlphabet().ofLengthBetween(0, 0), 30))
                .checkAssert((p, user, guild) -> {
                    String g = guild.isEmpty() ? null : guild;
                    assertArrayEquals(Payloads.utf8(Payloads.presenceBody(p, user, g)),
                            Payloads.presenceBodyUtf8(p, user, g));
                });
    }

    @Test
    void aBodyLongerThanTheGeneratorsBufferIsWhole() {
        // Jackson hands its buffer over whenever it fills (8,000 bytes): a body of several buffers, in order (no
        // surrogate, so the generator writes it: 1, 2 and 3-byte UTF-8 and escapes)
        for (int length : new int[] {0, 1, 7_900, 8_000, 8_100, 20_000, 70_000}) {
            String name = "x".repeat(length / 2) + "\u00e9".repeat(length / 4) + "\u4e2d\"\n".repeat(length / 8);
            Presence p = new Presence(7, Status.ONLINE, ClientStatus.NONE.with(Platform.DESKTOP, Status.IDLE),
                    List.of(new Activity(name, 0), new Activity("b", 2)), 3, 5);
            assertArrayEquals(Payloads.utf8(Payloads.presenceBody(p, "12", "34")), Payloads.presenceBodyUtf8(p, "12",
                    "34"), "name of " + name.length() + " chars");
        }
    }
}

package org.sysmodels.presence.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}

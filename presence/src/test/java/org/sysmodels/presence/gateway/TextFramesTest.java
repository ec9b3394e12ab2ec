package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import org.sysmodels.core.testing.Props;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.gateway.protocol.Payloads;

/**
 * A PRESENCE_UPDATE frame written whole is byte for byte what Netty's server frame encoder writes for the
 * {@link TextWebSocketFrame} of the same dispatch, at every payload length class (7-bit, 16-bit, 64-bit), and the
 * encoder passes the whole frame through unchanged.
 */
class TextFramesTest {

    /** Everything {@code msg} becomes on the wire through a server's frame encoder. */
    private static byte[] wire(Object msg) {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        ch.writeOutbound(msg);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; b.release()) {
            out.writeBytes(ByteBufUtil.getBytes(b));
        }
        ch.finishAndReleaseAll();
        return out.toByteArray();
    }

    private static byte[] body(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    @Test
    void writesTheFrameTheEncoderWrites() {
        Props.property().forAll(integers().between(0, 70_000), longs().between(0, Long.MAX_VALUE))
                .checkAssert((length, seq) -> {
                    byte[] body = body(length);
                    ByteBuf payload = Unpooled.buffer(Payloads.presenceUpdateLength(seq, body));
                    Payloads.writePresenceUpdate(payload, seq, body);
                    byte[] expected = wire(new TextWebSocketFrame(payload));
                    ByteBuf whole = TextFrames.presenceUpdate(ByteBufAllocator.DEFAULT, seq, body);
                    assertEquals(whole.readableBytes(), whole.capacity(), "sized exactly");
                    assertArrayEquals(expected, wire(whole));
                });
        // the length classes' edges (RFC 6455 5.2: 125 fits in 7 bits, 126..65535 in 16, more in 64)
        int fixed = Payloads.presenceUpdateLength(7, new byte[0]);
        for (int payload : new int[] {fixed, 125, 126, 127, 65_535, 65_536, 65_537}) {
            byte[] body = body(payload - fixed);
            ByteBuf text = Unpooled.buffer(payload);
            Payloads.writePresenceUpdate(text, 7, body);
            assertArrayEquals(wire(new TextWebSocketFrame(text)),
                    wire(TextFrames.presenceUpdate(ByteBufAllocator.DEFAULT, 7, body)), "payload " + payload);
        }
    }
}

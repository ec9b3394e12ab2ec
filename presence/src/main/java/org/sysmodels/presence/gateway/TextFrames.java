package org.sysmodels.presence.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import org.sysmodels.presence.gateway.protocol.Payloads;

/**
 * A PRESENCE_UPDATE dispatch as a whole WebSocket text frame, header and payload in one buffer, written past Netty's
 * frame encoder (which passes a {@link ByteBuf} through as it is). A server's frame (RFC 6455 §5.2) is one final
 * frame: {@code FIN} and opcode 1 ({@code 0x81}), no mask, the payload length in 7 bits, or 126 and 16 bits, or 127
 * and 64 bits, then the payload: the bytes Netty's {@code WebSocket08FrameEncoder} writes for a
 * {@code TextWebSocketFrame} of the same payload ({@code TextFramesTest} compares them). The encoder, given a frame
 * object, allocates a second buffer and copies a small payload behind its header; here a delivery makes one buffer
 * and no frame object.
 */
final class TextFrames {

    private TextFrames() {
    }

    /** The frame of dispatch {@code seq} carrying presence {@code body} (UTF-8 JSON), in a buffer of {@code alloc}. */
    static ByteBuf presenceUpdate(ByteBufAllocator alloc, long seq, byte[] body) {
        int payload = Payloads.presenceUpdateLength(seq, body);
        int header = payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10;
        ByteBuf frame = alloc.buffer(header + payload);
        frame.writeByte(0x81);
        if (payload < 126) {
            frame.writeByte(payload);
        } else if (payload <= 0xFFFF) {
            frame.writeByte(126).writeShort(payload);
        } else {
            frame.writeByte(127).writeLong(payload);
        }
        Payloads.writePresenceUpdate(frame, seq, body);
        return frame;
    }

    /** Whether {@code buf} is a frame made here: a final text frame, unmasked. */
    static boolean isFrame(ByteBuf buf) {
        return buf.readableBytes() >= 2 && buf.getUnsignedByte(buf.readerIndex()) == 0x81;
    }

    /** The payload's bytes of a frame made here (its header read back: 2, 4 or 10 bytes). */
    static byte[] payload(ByteBuf frame) {
        int len7 = frame.getUnsignedByte(frame.readerIndex() + 1) & 0x7F;
        int header = len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
        return ByteBufUtil.getBytes(frame, frame.readerIndex() + header, frame.readableBytes() - header);
    }
}

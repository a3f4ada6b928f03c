package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Gamma receives the PROXY protocol through Netty's {@link HAProxyMessageDecoder}, which the session puts in front
 * of its socket's handler. Whatever a peer sends, it gives one message, a {@link DecoderException}, or a wait that ends at
 * the spec's caps; and it answers the same whether the bytes come in one piece or two.
 */
final class ProxyHeaderChecks {
    /** A v1 line, CRLF included, is at most 107 bytes; Netty waits for up to 108 before it gives up. */
    private static final int V1_MAX_BYTES = 108;
    private static final int V2_FIXED_BYTES = 16;
    /** Netty reads the version from the 13th byte, so it waits for 13 whatever they are. */
    private static final int VERSION_BYTES = 13;
    private static final byte[] V2_SIGNATURE = Hex.bytes("0d 0a 0d 0a 00 0d 0a 51 55 49 54 0a");

    private ProxyHeaderChecks() {}

    static void decoder(byte[] bytes, int split) {
        Object whole = decode(bytes, bytes.length);
        Object inPieces = decode(bytes, Math.floorMod(split, bytes.length + 1));
        assertThat(inPieces).as("answer in two pieces").isEqualTo(whole);
        if (whole == BufferShapes.REFUSED || whole instanceof List) {
            return;
        }
        assertThat(whole).isEqualTo("waiting");
        if (bytes.length >= VERSION_BYTES) {
            boolean v2 = Arrays.equals(bytes, 0, V2_SIGNATURE.length, V2_SIGNATURE, 0, V2_SIGNATURE.length);
            if (v2 && bytes[V2_SIGNATURE.length] == (byte) 0xFF) {
                // Netty reads a version byte of 0xFF as "not enough bytes yet" and waits without bound; the
                // listener caps the bytes before a header itself (ProxyHeaderWatcher, a malformed-input shape)
                return;
            }
            int cap = v2 ? V2_FIXED_BYTES + declaredV2Length(bytes) - 1 : V1_MAX_BYTES;
            assertThat(bytes.length).as("bytes held back waiting for a %s header", v2 ? "v2" : "v1")
                    .isLessThanOrEqualTo(cap);
        }
    }

    private static int declaredV2Length(byte[] bytes) {
        return bytes.length < V2_FIXED_BYTES ? 0xFFFF : (bytes[14] & 0xFF) << 8 | bytes[15] & 0xFF;
    }

    /** The message's fields, {@link BufferShapes#REFUSED}, or "waiting". */
    private static Object decode(byte[] bytes, int split) {
        EmbeddedChannel channel = new EmbeddedChannel(new HAProxyMessageDecoder());
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            if (split < bytes.length) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            }
            Object first = channel.readInbound();
            if (first == null) {
                return "waiting";
            }
            if (!(first instanceof HAProxyMessage message)) {
                ((ByteBuf) first).release();
                throw new AssertionError("bytes passed on before a PROXY header was decoded");
            }
            try {
                assertThat(message.sourcePort()).isBetween(0, 0xFFFF);
                assertThat(message.destinationPort()).isBetween(0, 0xFFFF);
                return List.of(message.protocolVersion(), message.command(), message.proxiedProtocol(),
                        String.valueOf(message.sourceAddress()), message.sourcePort(),
                        String.valueOf(message.destinationAddress()), message.destinationPort());
            } finally {
                message.release();
            }
        } catch (DecoderException refused) {
            return BufferShapes.REFUSED;
        } finally {
            close(channel);
        }
    }

    /** Closing runs the decoder on what is left, which may fail once more: that is the same refusal. */
    private static void close(EmbeddedChannel channel) {
        try {
            channel.finishAndReleaseAll();
        } catch (DecoderException alreadyRefused) {
            // reported by the write that failed first
        }
    }
}

package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The 1.6 ping: {@code FE 01 FA}, the channel "MC|PingHost" (short length in chars, UTF-16BE), a short
 * length of the rest, a protocol byte, the host (short length, UTF-16BE) and an int port. Like Velocity we
 * do not check the rest-length field, which some third-party pingers get wrong.
 */
final class LegacyPingHost {
    static final int MARKER = 0xFA;
    static final String CHANNEL = "MC|PingHost";

    private static final int HEADER_BYTES = 3; // FE 01 FA

    private final ByteBuffer buf;
    private int pos = HEADER_BYTES;

    private LegacyPingHost(ByteBuffer buf) {
        this.buf = buf;
    }

    /** The request, or null if more bytes are needed; {@code ping} starts at {@code FE} and is not moved. */
    static LegacyPing.Request parse(ByteBuffer ping) {
        return new LegacyPingHost(ping).request();
    }

    private LegacyPing.Request request() {
        if (!has(2)) {
            return null;
        }
        int channelChars = shortAt();
        if (channelChars != CHANNEL.length()) {
            throw new ProtocolException("legacy ping channel of " + channelChars + " chars is not " + CHANNEL);
        }
        if (!has(2 * channelChars + 2 + 1 + 2)) {
            return null;
        }
        String channel = utf16(channelChars);
        if (!channel.equals(CHANNEL)) {
            throw new ProtocolException("legacy ping channel is not " + CHANNEL);
        }
        pos += 2; // length of the rest, unchecked
        int protocol = buf.get(pos++) & 0xFF;
        int hostChars = shortAt();
        int total = pos + 2 * hostChars + 4;
        if (total > LegacyPing.MAX_BYTES) {
            throw new ProtocolException("legacy 1.6 ping of " + total + " bytes exceeds cap " + LegacyPing.MAX_BYTES);
        }
        if (!has(2 * hostChars + 4)) {
            return null;
        }
        String host = utf16(hostChars);
        int port = buf.getInt(pos);
        if (port < 0 || port > 0xFFFF) {
            throw new ProtocolException("legacy ping port " + port + " is not in 0..65535");
        }
        return new LegacyPing.Request(LegacyPing.Form.V1_6, protocol, host, port);
    }

    private boolean has(int bytes) {
        return buf.limit() - pos >= bytes;
    }

    private int shortAt() {
        int value = (buf.get(pos) & 0xFF) << 8 | buf.get(pos + 1) & 0xFF;
        pos += 2;
        return value;
    }

    private String utf16(int chars) {
        byte[] bytes = new byte[2 * chars];
        buf.get(pos, bytes);
        pos += bytes.length;
        return new String(bytes, StandardCharsets.UTF_16BE);
    }
}

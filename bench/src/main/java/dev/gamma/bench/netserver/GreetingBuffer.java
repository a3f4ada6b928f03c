package dev.gamma.bench.netserver;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LegacyPing;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A connection's first bytes, as Gamma's raw route reads a login: the Handshake and the Login Start after it,
 * at most {@link #MAX_BYTES}, kept for the replay to the backend. Shared by both relays of the A/B, so that they
 * differ only in their sockets.
 */
final class GreetingBuffer {
    /** Gamma's defaults: {@code limits.max-handshake-bytes}, {@code timeouts.handshake}, the connect timeout. */
    static final int MAX_BYTES = 4096;
    static final long DEADLINE_MILLIS = 5_000;
    static final int CONNECT_MILLIS = 5_000;

    private byte[] bytes = new byte[256];
    private int length;

    /** Copies {@code count} bytes in with {@code copy}; false when they would exceed the cap. */
    boolean append(int count, Copy copy) {
        int needed = length + count;
        if (needed > MAX_BYTES) {
            return false;
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(MAX_BYTES, Math.max(needed, bytes.length * 2)));
        }
        copy.into(bytes, length);
        length = needed;
        return true;
    }

    /** Copies a chunk into {@code target} at {@code offset}. */
    interface Copy {
        void into(byte[] target, int offset);
    }

    /**
     * The Handshake once it and the Login Start after it are complete (a status Handshake at once); null while
     * more bytes are needed. Throws {@link ProtocolException} for what is not a modern Minecraft greeting (legacy
     * pings included: the benchmark sends none).
     */
    Handshake read() {
        ByteBuffer input = ByteBuffer.wrap(bytes, 0, length);
        LegacyPing.Detection detection = LegacyPing.detect(input);
        if (detection instanceof LegacyPing.Incomplete) {
            return null;
        }
        if (!(detection instanceof LegacyPing.Modern)) {
            throw new ProtocolException("legacy ping");
        }
        ByteBuffer body = Frames.next(input, MAX_BYTES);
        if (body == null) {
            Handshake.checkStart(input);
            return null;
        }
        Handshake handshake = Handshake.decode(body);
        if (handshake.isStatus()) {
            return handshake;
        }
        ByteBuffer loginBody = Frames.next(input, MAX_BYTES);
        if (loginBody == null) {
            return null;
        }
        try {
            LoginStart.decode(loginBody, handshake.protocolVersion());
        } catch (ProtocolException unknownLayout) {
            // a version whose Login Start is not known still goes to its backend, as in Gamma
        }
        return handshake;
    }

    /** Everything read so far, for the replay; the buffer is not used again. */
    byte[] takeAll() {
        byte[] all = Arrays.copyOf(bytes, length);
        bytes = null;
        return all;
    }
}

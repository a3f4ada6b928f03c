package dev.gamma.relay;

import dev.gamma.protocol.ForeignGreeting;
import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LegacyPing;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.ProtocolException;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a connection's first bytes, up to a cap, until it can say what the client wants. The bytes are
 * kept so that a login can be replayed to the backend exactly as the client sent them.
 */
final class GreetingReader {
    private static final byte[] NOTHING = {};

    private final int maxBytes;
    private byte[] bytes = new byte[256];
    private int length;
    private Handshake handshake;
    private int handshakeLength;
    private int consumed;

    GreetingReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Appends a chunk and re-reads; throws {@link ProtocolException} for malformed or oversized input. */
    Greeting feed(Buffer chunk) {
        append(chunk);
        return read();
    }

    Greeting read() {
        ByteBuffer input = ByteBuffer.wrap(bytes, 0, length);
        if (handshake == null) {
            try {
                Greeting early = readHandshake(input);
                if (early != null) {
                    return early;
                }
            } catch (ProtocolException e) {
                throw ForeignGreeting.describe(ByteBuffer.wrap(bytes, 0, length))
                        .map(what -> new ProtocolException("not Minecraft: " + what + " (" + e.getMessage() + ")"))
                        .orElse(e);
            }
        }
        if (handshake.isStatus()) {
            return new Greeting.Status(handshake);
        }
        input.position(handshakeLength);
        ByteBuffer loginBody = Frames.next(input, maxBytes);
        if (loginBody == null) {
            return new Greeting.Incomplete();
        }
        return new Greeting.Login(handshake, loginStartOrNull(loginBody), handshakeLength);
    }

    /** Reads the handshake into the fields, or returns what to answer until there is one. */
    private Greeting readHandshake(ByteBuffer input) {
        LegacyPing.Detection detection = LegacyPing.detect(input);
        if (detection instanceof LegacyPing.Legacy legacy) {
            return new Greeting.Legacy(legacy.request());
        }
        if (detection instanceof LegacyPing.Ambiguous ambiguous) {
            return new Greeting.MaybeLegacy(ambiguous.ifNoMoreData());
        }
        if (detection instanceof LegacyPing.Incomplete) {
            return new Greeting.Incomplete();
        }
        ByteBuffer body = Frames.next(input, maxBytes);
        if (body == null) {
            Handshake.checkStart(input);
            return new Greeting.Incomplete();
        }
        handshake = Handshake.decode(body);
        handshakeLength = input.position();
        consumed = handshakeLength;
        return null;
    }

    /** The next complete frame after the handshake (status state), consuming it; null if incomplete. */
    ByteBuffer nextFrame() {
        ByteBuffer input = ByteBuffer.wrap(bytes, handshakeLength, length - handshakeLength);
        ByteBuffer body = Frames.next(input, maxBytes);
        if (body != null) {
            handshakeLength = input.position();
            consumed = handshakeLength;
        }
        return body;
    }

    /** Every byte received so far, for the replay to the backend. */
    Buffer buffered() {
        return Buffer.buffer(Arrays.copyOf(bytes, length));
    }

    /** The bytes after the handshake frame. */
    Buffer afterHandshake() {
        return Buffer.buffer(Arrays.copyOfRange(bytes, handshakeLength, length));
    }

    int length() {
        return length;
    }

    private LoginStart loginStartOrNull(ByteBuffer body) {
        try {
            return LoginStart.decode(body, handshake.protocolVersion());
        } catch (ProtocolException unknownLayout) {
            return null; // a version we do not know must still reach its backend
        }
    }

    /** Frees the buffered bytes once they have been replayed; the reader is not used again. */
    void release() {
        bytes = NOTHING;
        length = 0;
    }

    void append(Buffer chunk) {
        int needed = length + chunk.length();
        if (needed > maxBytes) {
            throw new ProtocolException("greeting exceeds " + maxBytes + " bytes");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(needed, bytes.length * 2)));
        }
        chunk.getBytes(0, chunk.length(), bytes, length);
        length = needed;
    }
}

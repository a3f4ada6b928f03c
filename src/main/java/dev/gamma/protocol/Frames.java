package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;

/** Uncompressed frames: {@code VarInt length | body}, where the body is the packet id and its payload. */
public final class Frames {
    public static final int MAX_LENGTH_BYTES = 3;
    public static final int MAX_FRAME_LENGTH = 2_097_151;

    private Frames() {
    }

    /**
     * The next complete frame's body as a read-only slice, advancing {@code buf} past the frame; or null,
     * leaving {@code buf} untouched, when the frame is not all there yet. A length wider than three bytes is
     * rejected as soon as it is seen, so a client cannot make us wait for (or buffer) a frame we would refuse.
     * A {@code maxLength} above {@link #MAX_FRAME_LENGTH} has no further effect.
     */
    public static ByteBuffer next(ByteBuffer buf, int maxLength) {
        Objects.requireNonNull(buf, "buf");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength " + maxLength + " is below 1");
        }
        int start = buf.position();
        int length = 0;
        for (int i = 0; i < MAX_LENGTH_BYTES; i++) {
            if (start + i >= buf.limit()) {
                return null;
            }
            int b = buf.get(start + i) & 0xFF;
            length |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return body(buf, start + i + 1, checked(length, maxLength));
            }
        }
        throw new ProtocolException("frame length VarInt longer than " + MAX_LENGTH_BYTES + " bytes");
    }

    /** {@code body} (packet id and payload) prefixed with its length. */
    public static byte[] frame(byte[] body) {
        return frame(body, body.length);
    }

    static byte[] frame(byte[] body, int length) {
        if (length < 1 || length > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("frame body of " + length + " bytes is not in 1.." + MAX_FRAME_LENGTH);
        }
        int prefix = VarInt.size(length);
        byte[] frame = new byte[prefix + length];
        int v = length;
        for (int i = 0; i < prefix; i++, v >>>= 7) {
            frame[i] = (byte) (i < prefix - 1 ? (v & 0x7F) | 0x80 : v);
        }
        System.arraycopy(body, 0, frame, prefix, length);
        return frame;
    }

    private static int checked(int length, int maxLength) {
        if (length == 0) {
            throw new ProtocolException("empty frame (length 0)");
        }
        if (length > maxLength) {
            throw new ProtocolException("frame of " + length + " bytes exceeds cap " + maxLength);
        }
        return length;
    }

    private static ByteBuffer body(ByteBuffer buf, int bodyStart, int length) {
        if (buf.limit() - bodyStart < length) {
            return null;
        }
        ByteBuffer body = buf.slice(bodyStart, length).asReadOnlyBuffer();
        buf.position(bodyStart + length);
        return body;
    }
}

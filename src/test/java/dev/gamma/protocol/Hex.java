package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test bytes written as hex, spaces allowed: {@code "fe 01 fa"}. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static ByteBuffer buf(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** The frame body: what {@link Frames#next} returns for a single complete frame. */
    static ByteBuffer body(byte[] frame) {
        return Frames.next(ByteBuffer.wrap(frame), Frames.MAX_FRAME_LENGTH);
    }
}

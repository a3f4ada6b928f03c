package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads protocol fields from a buffer, advancing its position. Multi-byte numbers are big-endian whatever
 * the buffer's byte order. Every failure is a {@link ProtocolException}; nothing is read past the limit.
 */
public final class WireReader {
    private final ByteBuffer buf;

    public WireReader(ByteBuffer buf) {
        this.buf = Objects.requireNonNull(buf, "buf");
    }

    public int readVarInt() {
        int value = 0;
        for (int i = 0; i < VarInt.MAX_BYTES; i++) {
            int b = next("VarInt");
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ProtocolException("VarInt longer than " + VarInt.MAX_BYTES + " bytes");
    }

    /** A VarInt byte length, then that many bytes of UTF-8; the length is checked against the cap first. */
    public String readString(int maxBytes) {
        int length = readLength("string", maxBytes);
        ByteBuffer bytes = buf.slice(buf.position(), length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String s = decoder.decode(bytes).toString();
            buf.position(buf.position() + length);
            return s;
        } catch (CharacterCodingException e) {
            throw new ProtocolException("string of " + length + " bytes is not valid UTF-8");
        }
    }

    public int readUnsignedByte() {
        return next("byte");
    }

    public int readUnsignedShort() {
        require(2, "short");
        return next("short") << 8 | next("short");
    }

    public int readInt() {
        require(4, "int");
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = value << 8 | next("int");
        }
        return value;
    }

    public long readLong() {
        require(8, "long");
        return (long) readInt() << 32 | (readInt() & 0xFFFF_FFFFL);
    }

    /** Only 0 and 1 are booleans; anything else means we are reading the wrong layout. */
    public boolean readBoolean() {
        int b = next("boolean");
        if (b > 1) {
            throw new ProtocolException("boolean byte 0x" + Integer.toHexString(b) + " is neither 0 nor 1");
        }
        return b == 1;
    }

    public UUID readUuid() {
        require(16, "UUID");
        return new UUID(readLong(), readLong());
    }

    /** A VarInt length, then that many bytes; the length is checked against the cap first. */
    public byte[] readByteArray(int maxBytes) {
        int length = readLength("byte array", maxBytes);
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return bytes;
    }

    public int remaining() {
        return buf.remaining();
    }

    private int readLength(String what, int maxBytes) {
        int length = readVarInt();
        if (length < 0) {
            throw new ProtocolException(what + " has negative length " + length);
        }
        if (length > maxBytes) {
            throw new ProtocolException(what + " of " + length + " bytes exceeds cap " + maxBytes);
        }
        require(length, what);
        return length;
    }

    private int next(String what) {
        require(1, what);
        return buf.get() & 0xFF;
    }

    private void require(int bytes, String what) {
        if (buf.remaining() < bytes) {
            throw new ProtocolException(
                    what + " truncated: needs " + bytes + " bytes, " + buf.remaining() + " left");
        }
    }
}

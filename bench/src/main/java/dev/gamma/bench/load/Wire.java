package dev.gamma.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/**
 * The Minecraft bytes of the benchmark, protocol 765 (1.20.4): VarInt-framed packets. Everything after the
 * login is a run of filler packets (id 0x7E), so that a proxy that parses frames sees a valid stream.
 */
final class Wire {
    static final int PROTOCOL = 765;
    static final int LOGIN_INTENT = 2;
    static final int LOGIN_SUCCESS_ID = 0x02;
    static final int DISCONNECT_ID = 0x00;
    static final int FILLER_ID = 0x7E;
    /** Login Acknowledged (serverbound 0x03, empty): moves both sides from login to configuration. */
    static final byte[] LOGIN_ACKNOWLEDGED = {0x01, 0x03};
    /** The name prefix of players whose login turns compression on, as a vanilla server's does. */
    static final String COMPRESSING = "zip";
    /** Set Compression (clientbound 0x03) with a vanilla server's threshold, 256. */
    static final byte[] SET_COMPRESSION = {0x03, 0x03, (byte) 0x80, 0x02};
    /** Login Acknowledged once compression is on: a data length of 0 (sent as it is), then the packet. */
    static final byte[] LOGIN_ACKNOWLEDGED_COMPRESSED = {0x02, 0x00, 0x03};
    /** A frame length VarInt has at most three bytes. */
    static final int MAX_FRAME = 2_097_151;

    private Wire() {}

    static int varIntSize(int value) {
        int size = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    static void writeVarInt(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    static void writeUuid(ByteArrayOutputStream out, UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        out.writeBytes(b.array());
    }

    static byte[] frame(ByteArrayOutputStream body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 3);
        writeVarInt(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] handshake(String host, int port) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeVarInt(body, 0x00);
        writeVarInt(body, PROTOCOL);
        writeString(body, host);
        body.write(port >>> 8 & 0xFF);
        body.write(port & 0xFF);
        writeVarInt(body, LOGIN_INTENT);
        return frame(body);
    }

    /** Login Start as 1.20.2+ sends it: name and UUID. */
    static byte[] loginStart(String name, UUID uuid) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeVarInt(body, 0x00);
        writeString(body, name);
        writeUuid(body, uuid);
        return frame(body);
    }

    /** Login Success as 765 sends it: UUID, name, no properties. */
    static byte[] loginSuccess(UUID uuid, String name) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeVarInt(body, LOGIN_SUCCESS_ID);
        writeUuid(body, uuid);
        writeString(body, name);
        writeVarInt(body, 0);
        return frame(body);
    }

    /** A frame under the compression threshold as it goes once compression is on: data length 0, then the body. */
    static byte[] uncompressedInCompressedFormat(byte[] frame) {
        ByteBuffer in = ByteBuffer.wrap(frame);
        int length = readVarInt(in);
        ByteArrayOutputStream body = new ByteArrayOutputStream(length + 1);
        body.write(0);
        body.write(frame, in.position(), length);
        return frame(body);
    }

    static byte[] greeting(String host, int port, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(handshake(host, port));
        out.writeBytes(loginStart(name, offlineUuid(name)));
        return out.toByteArray();
    }

    static UUID offlineUuid(String name) {
        return UUID.nameUUIDFromBytes(("OfflinePlayer:" + name).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code totalBytes / frameSize} filler frames of exactly {@code frameSize} bytes each on the wire, in one
     * direct buffer, built once from a fixed seed.
     */
    static ByteBuffer fillerFrames(int frameSize, int totalBytes) {
        int count = Math.max(1, totalBytes / frameSize);
        int bodyLength = fillerBodyLength(frameSize);
        byte[] filler = new byte[bodyLength - 1];
        new Random(0x6761_6D6DL).nextBytes(filler);
        ByteBuffer frames = ByteBuffer.allocateDirect(count * frameSize);
        for (int i = 0; i < count; i++) {
            int v = bodyLength;
            while ((v & ~0x7F) != 0) {
                frames.put((byte) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            frames.put((byte) v).put((byte) FILLER_ID).put(filler);
        }
        return frames.flip();
    }

    /** The body length whose frame (length VarInt included) is exactly {@code frameSize} bytes. */
    static int fillerBodyLength(int frameSize) {
        for (int prefix = 1; prefix <= 3; prefix++) {
            int body = frameSize - prefix;
            if (body >= 1 && body <= MAX_FRAME && varIntSize(body) == prefix) {
                return body;
            }
        }
        throw new IllegalArgumentException("no Minecraft frame is exactly " + frameSize + " bytes long");
    }

    /** The next whole frame's body as a slice, moving past it; null (position unchanged) when incomplete. */
    static ByteBuffer nextFrame(ByteBuffer buf) {
        int start = buf.position();
        int length = 0;
        for (int i = 0; i < 3; i++) {
            if (start + i >= buf.limit()) {
                return null;
            }
            byte b = buf.get(start + i);
            length |= (b & 0x7F) << (7 * i);
            if (b >= 0) {
                int bodyStart = start + i + 1;
                if (length < 1) {
                    throw new IllegalStateException("empty frame");
                }
                if (buf.limit() - bodyStart < length) {
                    return null;
                }
                ByteBuffer body = buf.slice(bodyStart, length);
                buf.position(bodyStart + length);
                return body;
            }
        }
        throw new IllegalStateException("frame length VarInt longer than 3 bytes");
    }

    /** Reads one whole frame from a blocking stream and returns its body (packet id first). */
    static byte[] readFrame(InputStream in) throws IOException {
        int length = 0;
        for (int i = 0; ; i++) {
            if (i == 3) {
                throw new IOException("frame length VarInt longer than 3 bytes");
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before a whole frame arrived");
            }
            length |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length < 1) {
            throw new IOException("empty frame");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("connection closed inside a frame");
        }
        return body;
    }

    static int readVarInt(ByteBuffer buf) {
        int value = 0;
        for (int i = 0; i < 5; i++) {
            byte b = buf.get();
            value |= (b & 0x7F) << (7 * i);
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("VarInt longer than 5 bytes");
    }

    static String readString(ByteBuffer buf, int maxBytes) {
        int length = readVarInt(buf);
        if (length < 0 || length > maxBytes || length > buf.remaining()) {
            throw new IllegalStateException("string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

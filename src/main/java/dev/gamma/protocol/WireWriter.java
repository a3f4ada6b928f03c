package dev.gamma.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/** Builds protocol bytes in a growable array. Numbers are written big-endian, as on the wire. */
public final class WireWriter {
    private byte[] bytes = new byte[64];
    private int size;

    public WireWriter() {
    }

    public WireWriter writeVarInt(int v) {
        while ((v & ~0x7F) != 0) {
            put((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        put(v);
        return this;
    }

    /** VarInt byte length, then UTF-8. */
    public WireWriter writeString(String s) {
        return writeByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter writeShort(int v) {
        put(v >>> 8);
        put(v);
        return this;
    }

    public WireWriter writeByte(int v) {
        put(v);
        return this;
    }

    public WireWriter writeInt(int v) {
        writeShort(v >>> 16);
        return writeShort(v);
    }

    public WireWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public WireWriter writeBoolean(boolean b) {
        return writeByte(b ? 1 : 0);
    }

    public WireWriter writeUuid(UUID u) {
        writeLong(u.getMostSignificantBits());
        return writeLong(u.getLeastSignificantBits());
    }

    /** The bytes as they are, without a length. */
    public WireWriter writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /** VarInt length, then the bytes. */
    public WireWriter writeByteArray(byte[] b) {
        writeVarInt(b.length);
        return writeBytes(b);
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** What was written, as one length-prefixed frame; see {@link Frames#frame(byte[])} for the limits. */
    public byte[] toFrame() {
        return Frames.frame(bytes, size);
    }

    private void put(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    private void ensure(int more) {
        if (more > Integer.MAX_VALUE - 8 - size) {
            throw new IllegalStateException("WireWriter cannot grow past 2 GiB");
        }
        int needed = size + more;
        if (needed > bytes.length) {
            int doubled = bytes.length <= (Integer.MAX_VALUE - 8) / 2 ? bytes.length * 2 : Integer.MAX_VALUE - 8;
            bytes = Arrays.copyOf(bytes, Math.max(needed, doubled));
        }
    }
}

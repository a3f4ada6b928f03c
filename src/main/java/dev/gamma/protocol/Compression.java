package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib framing after Set Compression: {@code VarInt dataLength | zlib(id + payload)}, or dataLength 0 and the
 * body as is for packets under the threshold. One instance per direction of a connection, holding only its threshold:
 * every packet is a zlib stream of its own, so the inflater and deflater are the thread's, shared by all the
 * connections on it (a connection's own would hold zlib's state, 32 KiB of window to inflate and 256 KiB to
 * deflate, for as long as it lasts).
 */
public final class Compression {
    public static final int MAX_UNCOMPRESSED = 8 * 1024 * 1024;
    /** Deflate cannot shrink data by more than about 1032:1; a larger claim is a lie, refused before allocating. */
    private static final int MAX_DEFLATE_RATIO = 1032;

    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(Deflater::new);
    /** Set as the input once a packet is done, so that the thread's zlib does not keep the last packet reachable. */
    private static final byte[] NOTHING = new byte[0];

    private final int threshold;

    /** A negative threshold means compression is off, so there is nothing for an instance to do. */
    public Compression(int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold " + threshold + " is negative: compression is off");
        }
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /**
     * The uncompressed packet body of a frame body. A packet sent uncompressed (dataLength 0) is accepted
     * whatever its size, as the vanilla server does since 1.20.2; a declared length under the threshold, over
     * 8 MiB, or different from what the data inflates to is refused before more than that is allocated.
     */
    public ByteBuffer decompress(ByteBuffer body) {
        ByteBuffer in = body.duplicate();
        int dataLength = new WireReader(in).readVarInt();
        if (dataLength == 0) {
            return in.slice();
        }
        checkDeclared(dataLength);
        if ((long) in.remaining() * MAX_DEFLATE_RATIO + 64 < dataLength) {
            throw new ProtocolException("compressed packet of " + in.remaining() + " bytes cannot inflate to "
                    + dataLength);
        }
        byte[] out = new byte[dataLength];
        int inflated = inflate(in, out, true);
        if (inflated != dataLength) {
            throw new ProtocolException("compressed packet inflates to " + inflated + " bytes, declared " + dataLength);
        }
        return ByteBuffer.wrap(out);
    }

    /** The packet id of a frame body, inflating no more than the id's few bytes. */
    public int peekPacketId(ByteBuffer body) {
        ByteBuffer in = body.duplicate();
        int dataLength = new WireReader(in).readVarInt();
        if (dataLength == 0) {
            return new WireReader(in).readVarInt();
        }
        checkDeclared(dataLength);
        byte[] head = new byte[Math.min(VarInt.MAX_BYTES, dataLength)];
        int got = inflate(in, head, false);
        return new WireReader(ByteBuffer.wrap(head, 0, got)).readVarInt();
    }

    /** A whole frame (length prefix included) for an uncompressed packet body. */
    public byte[] frame(byte[] packetBody) {
        WireWriter frame = new WireWriter();
        if (packetBody.length < threshold) {
            frame.writeVarInt(0).writeBytes(packetBody);
        } else {
            frame.writeVarInt(packetBody.length).writeBytes(deflate(packetBody));
        }
        return frame.toFrame();
    }

    private void checkDeclared(int dataLength) {
        if (dataLength < threshold) {
            throw new ProtocolException("compressed packet of " + dataLength + " bytes is under the threshold " + threshold);
        }
        if (dataLength > MAX_UNCOMPRESSED) {
            throw new ProtocolException("compressed packet declares " + dataLength + " bytes, over " + MAX_UNCOMPRESSED);
        }
    }

    /**
     * Inflates into {@code out}. For a {@code whole} packet, data that inflates to more than fits is an error
     * however small the packet; otherwise only the head is wanted and the rest is left alone.
     */
    private int inflate(ByteBuffer in, byte[] out, boolean whole) {
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        inflater.setInput(in);
        try {
            int total = 0;
            while (total < out.length && !inflater.finished()) {
                int n = inflater.inflate(out, total, out.length - total);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += n;
            }
            if (whole && total == out.length && !inflater.finished()
                    && inflater.inflate(new byte[1]) > 0) {
                throw new ProtocolException("compressed packet inflates to more than declared " + out.length);
            }
            return total;
        } catch (DataFormatException e) {
            throw new ProtocolException("bad zlib data: " + e.getMessage());
        } finally {
            inflater.setInput(NOTHING);
        }
    }

    private byte[] deflate(byte[] input) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(input);
        deflater.finish();
        WireWriter out = new WireWriter();
        byte[] chunk = new byte[Math.max(64, Math.min(input.length, 64 * 1024))];
        while (!deflater.finished()) {
            int n = deflater.deflate(chunk);
            out.writeBytes(n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n));
        }
        deflater.setInput(NOTHING);
        return out.toByteArray();
    }
}

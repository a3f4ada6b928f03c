package dev.gamma.it;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.WireWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The Minecraft login both ends of a bulk-transfer test go through (protocol 765: Login Start, Login Success,
 * Login Acknowledged), after which the stream is opaque bytes; plus checksummed sending and receiving of those.
 */
public final class LoginStream {
    public static final int PROTOCOL = 765;
    private static final int LOGIN_SUCCESS = 0x02;
    private static final byte[] LOGIN_ACKNOWLEDGED_FRAME = {0x01, 0x03};
    private static final int CHUNK = 64 * 1024;
    private static final byte[] RANDOM = new byte[8 * 1024 * 1024 + CHUNK];

    static {
        new SplittableRandom(42).nextBytes(RANDOM);
    }

    private LoginStream() {}

    /** What one side sent or received: how many bytes and their CRC32C. */
    public record Tally(long bytes, long crc) {}

    /** The client's half: handshake and Login Start, wait for Login Success, acknowledge it. */
    public static void clientLogin(InputStream in, OutputStream out, String host, String name) throws IOException {
        clientLoginUntilSuccess(in, out, host, name);
        acknowledgeLogin(out);
    }

    /** Handshake and Login Start, then Login Success read; not acknowledged yet. */
    public static void clientLoginUntilSuccess(InputStream in, OutputStream out, String host, String name)
            throws IOException {
        out.write(new Handshake(PROTOCOL, host, 25565, Handshake.LOGIN).encode());
        out.write(new LoginStart(name, UUID.nameUUIDFromBytes(name.getBytes())).encode(PROTOCOL));
        out.flush();
        byte[] success = readFrame(new DataInputStream(in));
        if (success.length == 0 || success[0] != LOGIN_SUCCESS) {
            throw new IOException("expected Login Success, got "
                    + new String(success, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "."));
        }
    }

    /** Login Acknowledged: the login is over. */
    public static void acknowledgeLogin(OutputStream out) throws IOException {
        out.write(LOGIN_ACKNOWLEDGED_FRAME);
        out.flush();
    }

    /** The backend's half: read handshake and Login Start, answer Login Success, read the acknowledgement. */
    public static void backendLogin(InputStream in, OutputStream out) throws IOException {
        DataInputStream data = new DataInputStream(in);
        readFrame(data);
        readFrame(data);
        out.write(loginSuccessFrame());
        out.flush();
        readFrame(data);
    }

    public static byte[] loginSuccessFrame() {
        return Frames.frame(new WireWriter().writeVarInt(LOGIN_SUCCESS)
                .writeBytes(new byte[16]).writeString("streamer").writeVarInt(0).toByteArray());
    }

    /** Writes back what {@code socket} reads, until its end of stream. */
    public static void echoUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }

    /** Sends pseudo-random bytes (no period a reordering could hide in) and keeps the tally of all it sent. */
    public static final class Sender {
        private final CRC32C crc = new CRC32C();
        private long offset;
        private long sent;

        public Sender(int seed) {
            offset = seed * 7_919L;
        }

        public void send(OutputStream out, long bytes) throws IOException {
            for (long done = 0; done < bytes; ) {
                int length = (int) Math.min(CHUNK, bytes - done);
                int from = (int) (offset % (RANDOM.length - CHUNK));
                out.write(RANDOM, from, length);
                crc.update(RANDOM, from, length);
                done += length;
                offset += 104_729;
            }
            out.flush();
            sent += bytes;
        }

        public Tally tally() {
            return new Tally(sent, crc.getValue());
        }
    }

    /** Reads until the peer's FIN (or at most {@code limit} bytes) and returns what arrived. */
    public static Tally receive(InputStream in, long limit) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[CHUNK];
        long received = 0;
        int n;
        while (received < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - received))) >= 0) {
            crc.update(buffer, 0, n);
            received += n;
        }
        return new Tally(received, crc.getValue());
    }

    public static byte[] readFrame(DataInputStream in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            if (shift >= 14) {
                throw new IOException("frame length too wide");
            }
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }
}

package dev.gamma.bench.load;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** A player's login as the benchmark does it: Handshake + Login Start, Login Success, Login Acknowledged. */
final class Login {
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;

    private static final String RUN_TAG =
            Integer.toString(36 * 36 * 36 + ThreadLocalRandom.current().nextInt(35 * 36 * 36 * 36), 36).substring(1);

    private Login() {}

    /** A logged-in blocking channel, ready for the relay phase. */
    static SocketChannel open(Target target, String name) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(target.address(), CONNECT_TIMEOUT_MS);
            channel.socket().setSoTimeout(READ_TIMEOUT_MS);
            writeFully(channel, ByteBuffer.wrap(target.greeting(name)));
            boolean compressing = name.startsWith(Wire.COMPRESSING);
            if (compressing) {
                awaitCompression(channel, name);
            }
            awaitLoginSuccess(channel, name, compressing ? 1 : 0);
            writeFully(channel, ByteBuffer.wrap(compressing ? Wire.LOGIN_ACKNOWLEDGED_COMPRESSED : Wire.LOGIN_ACKNOWLEDGED));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Bytes the sinks of this run have read so far, asked of the upstream itself. */
    static long sunkBytes(Target upstream) throws IOException {
        try (SocketChannel channel = open(upstream, name("stats", 0))) {
            byte[] body = Wire.readFrame(channel.socket().getInputStream());
            if (body.length != 9 || body[0] != Wire.FILLER_ID) {
                throw new IOException(upstream.address() + " is not the benchmark's upstream: no byte count");
            }
            return ByteBuffer.wrap(body, 1, 8).getLong();
        }
    }

    /** The run tag of a name made by {@link #name} with that prefix; "" for other names. */
    static String runTag(String name, String prefix) {
        int end = name.indexOf('_');
        return name.startsWith(prefix) && end > prefix.length() ? name.substring(prefix.length(), end) : "";
    }

    /** {@code at}: where the packet id is in the frame's body (1 once compression is on: after a data length 0). */
    private static void awaitLoginSuccess(SocketChannel channel, String name, int at) throws IOException {
        byte[] body = Wire.readFrame(channel.socket().getInputStream());
        if (body[at] == Wire.DISCONNECT_ID) {
            String reason = new String(body, at + 1, body.length - at - 1, StandardCharsets.UTF_8).strip();
            throw new IOException("login of " + name + " refused: " + reason);
        }
        if (body[at] != Wire.LOGIN_SUCCESS_ID) {
            throw new IOException("login of " + name + " answered with packet 0x" + Integer.toHexString(body[at]));
        }
    }

    private static void awaitCompression(SocketChannel channel, String name) throws IOException {
        byte[] body = Wire.readFrame(channel.socket().getInputStream());
        if (body[0] != Wire.SET_COMPRESSION[1]) {
            throw new IOException("login of " + name + " did not turn compression on: packet 0x"
                    + Integer.toHexString(body[0]));
        }
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /**
     * A player name of at most 16 characters: the mode prefix the upstream acts on, a random tag of this run
     * (so that repeated runs never meet an old session of the same name, and the upstream can count a run's
     * bytes apart from what an earlier run left in flight), {@code _} and a counter.
     */
    static String name(String prefix, int index) {
        String name = prefix + RUN_TAG + "_" + index;
        if (name.length() > 16) {
            throw new IllegalArgumentException("player name " + name + " is longer than 16 characters");
        }
        return name;
    }
}

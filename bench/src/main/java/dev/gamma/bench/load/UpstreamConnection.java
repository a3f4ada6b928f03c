package dev.gamma.bench.load;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/** One upstream connection: the login, then sink, echo or source by the player's name. */
final class UpstreamConnection {
    private enum Phase { LOGIN, SINK, ECHO, SOURCE }

    /** Reads per readiness event, so that one busy connection cannot starve the others. */
    private static final int BURST = 16;

    private final SocketChannel channel;
    private final UpstreamLoop loop;
    private Phase phase = Phase.LOGIN;
    private ByteBuffer greeting = ByteBuffer.allocate(1024);
    private int frames;
    private String name;
    /** Echo: what was read and not yet written back. Source: this connection's view of the filler frames. */
    private ByteBuffer out;
    /** A sink's byte count, shared with the other sinks of its run. */
    private LongAdder sunk;

    UpstreamConnection(SocketChannel channel, UpstreamLoop loop) {
        this.channel = channel;
        this.loop = loop;
    }

    void handle(SelectionKey key) {
        try {
            if (key.isValid() && key.isWritable()) {
                writable(key);
            }
            if (key.isValid() && key.isReadable()) {
                readable(key);
            }
        } catch (IOException | RuntimeException e) {
            key.cancel();
            closeQuietly(channel);
        }
    }

    private void readable(SelectionKey key) throws IOException {
        switch (phase) {
            case LOGIN -> login(key);
            case ECHO -> echo(key);
            default -> discard(key);
        }
    }

    private void writable(SelectionKey key) throws IOException {
        if (phase == Phase.ECHO) {
            channel.write(out);
            if (!out.hasRemaining()) {
                out.clear();
                key.interestOps(SelectionKey.OP_READ);
            }
        } else if (phase == Phase.SOURCE) {
            for (int i = 0; i < BURST && channel.write(out) > 0; i++) {
                if (!out.hasRemaining()) {
                    out.rewind();
                }
            }
        }
    }

    private void login(SelectionKey key) throws IOException {
        if (channel.read(greeting) < 0) {
            throw new IOException("closed during login");
        }
        greeting.flip();
        for (ByteBuffer body; phase == Phase.LOGIN && (body = Wire.nextFrame(greeting)) != null; ) {
            frames++;
            if (frames == 2) {
                answerLoginStart(body);
            } else if (frames == 3) {
                startRelay(key);
                return;
            }
        }
        greeting.compact();
        if (!greeting.hasRemaining()) {
            throw new IOException("login frames larger than " + greeting.capacity() + " bytes");
        }
    }

    private void answerLoginStart(ByteBuffer body) throws IOException {
        if (Wire.readVarInt(body) != 0x00) {
            throw new IOException("second frame is not Login Start");
        }
        name = Wire.readString(body, 64);
        UUID uuid = new UUID(body.getLong(), body.getLong());
        byte[] loginSuccess = Wire.loginSuccess(uuid, name);
        ByteBuffer success = ByteBuffer.wrap(name.startsWith(Wire.COMPRESSING)
                ? Login.concat(Wire.SET_COMPRESSION, Wire.uncompressedInCompressedFormat(loginSuccess)) : loginSuccess);
        channel.write(success);
        if (success.hasRemaining()) {
            throw new IOException("client does not read its Login Success");
        }
    }

    /** After Login Acknowledged; bytes already read behind it belong to the relay. */
    private void startRelay(SelectionKey key) throws IOException {
        ByteBuffer rest = greeting;
        greeting = null;
        if (name.startsWith("echo")) {
            // only echo answers one small message at a time; a login alone is one write either way
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            phase = Phase.ECHO;
            out = ByteBuffer.allocateDirect(64 * 1024);
            out.put(rest).flip();
            channel.write(out);
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
            } else {
                out.clear();
            }
        } else if (name.startsWith("stats")) {
            LongAdder run = loop.sunk.get(Login.runTag(name, "stats"));
            ByteBuffer stats = ByteBuffer.allocate(10).put((byte) 9).put((byte) Wire.FILLER_ID)
                    .putLong(run == null ? 0 : run.sum()).flip();
            channel.write(stats);
            key.cancel();
            channel.close();
        } else if (name.startsWith("source")) {
            phase = Phase.SOURCE;
            out = loop.source.duplicate();
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } else {
            phase = Phase.SINK;
            if (name.startsWith("sink")) {
                sunk = loop.sunk.computeIfAbsent(Login.runTag(name, "sink"), tag -> new LongAdder());
            }
        }
    }

    private void echo(SelectionKey key) throws IOException {
        if (channel.read(out) < 0) {
            throw new IOException("closed");
        }
        out.flip();
        channel.write(out);
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
        } else {
            out.clear();
        }
    }

    private void discard(SelectionKey key) throws IOException {
        for (int i = 0; i < BURST; i++) {
            ByteBuffer scratch = loop.scratch.clear();
            int n = channel.read(scratch);
            if (n < 0) {
                throw new IOException("closed");
            }
            if (sunk != null) {
                sunk.add(n);
            }
            if (n < scratch.capacity()) {
                return;
            }
        }
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }
}

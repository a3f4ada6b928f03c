package dev.gamma.it;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.WireReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/** A byte-level client for what real clients cannot be made to send (or to time). */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static RawClient connect(int port) throws IOException {
        return connectFrom(null, port);
    }

    /** Connects from a chosen local address (any 127.x.y.z works on loopback), to look like another peer. */
    public static RawClient connectFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(5_000);
        return new RawClient(socket);
    }

    public RawClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    public RawClient sendLogin(String host, int protocol, String name) throws IOException {
        return send(login(host, protocol, name));
    }

    /** A login Handshake and Login Start as a client sends them, in one piece. */
    public static byte[] login(String host, int protocol, String name) {
        return concat(new Handshake(protocol, host, 25565, Handshake.LOGIN).encode(),
                new LoginStart(name, protocol >= 764 ? UUID.nameUUIDFromBytes(name.getBytes()) : null).encode(protocol));
    }

    /** Reads one whole frame and returns its body (packet id + payload). */
    public ByteBuffer readFrame() throws IOException {
        return readFrame(in);
    }

    /** One whole frame's body from {@code in}: its length read byte by byte, so nothing after the frame is consumed. */
    static ByteBuffer readFrame(InputStream in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in a frame's length");
            }
            if (shift > 14) {
                throw new IOException("a frame's length over 3 bytes");
            }
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("closed after " + body.length + " of a frame's " + length + " bytes");
        }
        return ByteBuffer.wrap(body);
    }

    /** Reads the Login Disconnect reason JSON. */
    public String readLoginDisconnect() throws IOException {
        WireReader reader = new WireReader(readFrame());
        int id = reader.readVarInt();
        if (id != 0) {
            throw new IOException("expected Login Disconnect (0x00), got 0x" + Integer.toHexString(id));
        }
        return reader.readString(262_144);
    }

    /** Everything until the peer closes (bounded by the socket timeout). */
    public byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Everything until the peer closes; fails when it is still open after {@code millis}. A reset counts as closed. */
    public byte[] readUntilClosed(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                seen.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("still open after " + millis + " ms, having sent " + seen.size() + " bytes");
        } catch (IOException reset) {
            // closed by a reset: what arrived before it is the answer
        }
        return seen.toByteArray();
    }

    /** Sends FIN: the client has nothing more to say (and Gamma, which takes no half-closed clients, closes). */
    public RawClient halfClose() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** True when the peer closed the connection within the timeout (reads and discards any data). */
    public boolean closedWithin(int millis) throws IOException {
        try {
            drain(millis);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /**
     * True when the peer's FIN ends the stream within the timeout (reads and discards any data first); false when a
     * reset does, which some systems let overtake the bytes received before it.
     */
    public boolean endsWithFin(int millis) throws IOException {
        try {
            drain(millis);
            return true;
        } catch (SocketTimeoutException e) {
            throw new IOException("still open after " + millis + " ms");
        } catch (IOException reset) {
            return false;
        }
    }

    /** Reads and discards until the peer's FIN; throws at a reset, or when nothing came for {@code millis}. */
    private void drain(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // discarded
        }
    }

    public static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

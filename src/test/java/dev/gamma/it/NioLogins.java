package dev.gamma.it;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.WireReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Many Minecraft logins from one thread over NIO: each connection sends a Handshake and Login Start, then either
 * gets Login Success (acknowledged, and the connection is held open) or a Login Disconnect (counted by reason,
 * and closed). Not thread-safe: one caller at a time.
 */
final class NioLogins implements AutoCloseable {
    private static final int PROTOCOL = LoginStream.PROTOCOL;
    private static final int LOGIN_DISCONNECT = 0x00;
    private static final int LOGIN_SUCCESS = 0x02;
    private static final byte[] LOGIN_ACKNOWLEDGED_FRAME = {0x01, 0x03};

    /** What a batch of logins came to. {@code refused} counts Disconnect reasons. */
    record Result(int succeeded, Map<String, Integer> refused, int failed, Duration took) {}

    private final InetSocketAddress target;
    private final String host;
    private final String sourceAddress;
    private final Selector selector;
    private final List<SocketChannel> held = new ArrayList<>();

    /** Logins to {@code host} at {@code target}, from {@code sourceAddress} (any 127.x.y.z; null: the default). */
    NioLogins(InetSocketAddress target, String host, String sourceAddress) throws IOException {
        this.target = target;
        this.host = host;
        this.sourceAddress = sourceAddress;
        this.selector = Selector.open();
    }

    /** Opens {@code count} logins, at most {@code maxPending} unanswered at a time; fails past {@code timeout}. */
    Result login(String namePrefix, int count, int maxPending, Duration timeout) throws IOException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        int opened = 0;
        int pending = 0;
        int succeeded = 0;
        int failed = 0;
        Map<String, Integer> refused = new TreeMap<>();
        while (succeeded + failed + refused.values().stream().mapToInt(Integer::intValue).sum() < count) {
            while (opened < count && pending < maxPending) {
                open(namePrefix + opened++);
                pending++;
            }
            selector.select(50);
            for (SelectionKey key : selector.selectedKeys()) {
                Login login = (Login) key.attachment();
                String answer = login.step(key);
                if (answer == null) {
                    continue;
                }
                pending--;
                if (answer.equals(Login.SUCCEEDED)) {
                    succeeded++;
                    held.add(login.channel);
                } else if (answer.startsWith(Login.FAILED)) {
                    failed++;
                } else {
                    refused.merge(answer, 1, Integer::sum);
                }
            }
            selector.selectedKeys().clear();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + timeout + " only " + succeeded + " of " + count
                        + " logins succeeded (" + failed + " failed, refused: " + refused + ")");
            }
        }
        return new Result(succeeded, refused, failed, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Connections that logged in and are held open. */
    int held() {
        return held.size();
    }

    /** Closes every held connection (a FIN each). */
    void closeAll() throws IOException {
        for (SocketChannel channel : held) {
            channel.close();
        }
        held.clear();
        selector.selectNow(); // lets the selector forget the cancelled keys
    }

    @Override
    public void close() throws IOException {
        closeAll();
        selector.close();
    }

    private void open(String name) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        if (sourceAddress != null) {
            channel.bind(new InetSocketAddress(sourceAddress, 0));
        }
        byte[] handshake = new Handshake(PROTOCOL, host, 25565, Handshake.LOGIN).encode();
        byte[] loginStart = new LoginStart(name, UUID.nameUUIDFromBytes(name.getBytes())).encode(PROTOCOL);
        Login login = new Login(channel, ByteBuffer.wrap(RawClient.concat(handshake, loginStart)));
        boolean connected = channel.connect(target); // loopback may connect at once
        channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, login);
    }

    /** One connection's login. */
    private static final class Login {
        static final String SUCCEEDED = "";
        static final String FAILED = "failed: ";

        final SocketChannel channel;
        final ByteBuffer greeting;
        final ByteBuffer in = ByteBuffer.allocate(1024);

        Login(SocketChannel channel, ByteBuffer greeting) {
            this.channel = channel;
            this.greeting = greeting;
        }

        /** Null while under way; then {@link #SUCCEEDED}, a Disconnect reason, or {@link #FAILED} and why. */
        String step(SelectionKey key) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    channel.write(greeting);
                    if (!greeting.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                    return null;
                }
                if (key.isValid() && key.isReadable()) {
                    return read(key);
                }
                return null;
            } catch (IOException | RuntimeException e) {
                close();
                return FAILED + e;
            }
        }

        private String read(SelectionKey key) throws IOException {
            if (channel.read(in) < 0) {
                close();
                return FAILED + "closed without an answer";
            }
            ByteBuffer body = Frames.next(in.duplicate().flip(), Frames.MAX_FRAME_LENGTH);
            if (body == null) {
                return null;
            }
            WireReader reader = new WireReader(body);
            int id = reader.readVarInt();
            if (id == LOGIN_SUCCESS) {
                channel.write(ByteBuffer.wrap(LOGIN_ACKNOWLEDGED_FRAME));
                key.interestOps(0); // held idle from now on
                return SUCCEEDED;
            }
            close();
            return id == LOGIN_DISCONNECT ? reader.readString(262_144) : FAILED + "packet 0x" + Integer.toHexString(id);
        }

        private void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}

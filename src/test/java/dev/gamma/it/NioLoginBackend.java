package dev.gamma.it;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.WireWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend for thousands of logins on one thread: reads the Handshake and Login Start, answers Login Success,
 * then drops whatever else arrives, and closes its side when the other side does, as a server would.
 */
final class NioLoginBackend implements AutoCloseable {
    private static final byte[] LOGIN_SUCCESS = Frames.frame(new WireWriter().writeVarInt(0x02)
            .writeBytes(new byte[16]).writeString("held").writeVarInt(0).toByteArray());

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger loggedIn = new AtomicInteger();
    private volatile boolean closing;

    NioLoginBackend() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::run, "nio-login-backend");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }

    /** Logins answered so far. */
    int loggedIn() {
        return loggedIn.get();
    }

    private void run() {
        ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (!closing) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        accept();
                    } else if (key.isValid() && key.isReadable()) {
                        read(key, scratch);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!closing) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Greeting());
            open.incrementAndGet();
        }
    }

    private void read(SelectionKey key, ByteBuffer scratch) {
        SocketChannel channel = (SocketChannel) key.channel();
        Greeting greeting = (Greeting) key.attachment();
        try {
            ByteBuffer into = greeting.answered ? scratch.clear() : greeting.bytes;
            if (channel.read(into) < 0) {
                close(channel);
                return;
            }
            if (!greeting.answered && greeting.complete()) {
                greeting.answered = true;
                channel.write(ByteBuffer.wrap(LOGIN_SUCCESS));
                loggedIn.incrementAndGet();
            }
        } catch (IOException e) {
            close(channel);
        }
    }

    private void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.decrementAndGet();
    }

    @Override
    public void close() throws IOException {
        closing = true;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    /** The bytes before the answer: two frames, Handshake and Login Start. */
    private static final class Greeting {
        final ByteBuffer bytes = ByteBuffer.allocate(1024);
        boolean answered;

        boolean complete() {
            ByteBuffer frames = bytes.duplicate().flip();
            return Frames.next(frames, 1024) != null && Frames.next(frames, 1024) != null;
        }
    }
}

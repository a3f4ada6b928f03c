package dev.gamma.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** One selector thread of the upstream; the first also accepts and deals connections out in turn. */
final class UpstreamLoop implements Runnable {
    private final Selector selector;
    private final Queue<SocketChannel> arrivals = new ConcurrentLinkedQueue<>();
    /** Where sinks read into; shared by every connection of this thread. */
    final ByteBuffer scratch = ByteBuffer.allocateDirect(256 * 1024);
    /** The filler frames sources write, shared read-only; each source keeps its own position. */
    final ByteBuffer source;
    /** Bytes read by the sinks, by the run tag of their names. */
    final Map<String, LongAdder> sunk;
    private ServerSocketChannel server;
    private List<UpstreamLoop> peers;
    private int nextPeer;
    private volatile boolean running = true;

    UpstreamLoop(ByteBuffer source, Map<String, LongAdder> sunk) throws IOException {
        this.selector = Selector.open();
        this.source = source;
        this.sunk = sunk;
    }

    void accept(ServerSocketChannel server, List<UpstreamLoop> peers) throws IOException {
        this.server = server;
        this.peers = peers;
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    void stop() throws IOException {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(this::ready);
                for (SocketChannel channel; (channel = arrivals.poll()) != null; ) {
                    register(channel);
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClosedSelectorException e) {
            // stopped
        }
    }

    private void ready(SelectionKey key) {
        if (key.attachment() == null) {
            acceptAll();
            return;
        }
        ((UpstreamConnection) key.attachment()).handle(key);
    }

    private void acceptAll() {
        try {
            for (SocketChannel channel; (channel = server.accept()) != null; ) {
                UpstreamLoop loop = peers.get(nextPeer++ % peers.size());
                if (loop == this) {
                    register(channel);
                } else {
                    loop.arrivals.add(channel);
                    loop.selector.wakeup();
                }
            }
        } catch (IOException e) {
            // out of descriptors or the like: the clients see it; keep serving the others
        }
    }

    private void register(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            key.attach(new UpstreamConnection(channel, this));
        } catch (IOException e) {
            UpstreamConnection.closeQuietly(channel);
        }
    }
}

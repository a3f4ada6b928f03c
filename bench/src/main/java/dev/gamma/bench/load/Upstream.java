package dev.gamma.bench.load;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The upstream Minecraft "server" of the benchmark: answers each login (Handshake, Login Start) with a
 * Login Success, waits for Login Acknowledged, then acts by the player's name: {@code sink…} discards what
 * it reads, {@code echo…} sends it back, {@code source…} writes filler frames without end. Any other name
 * is a sink; {@code stats…} gets one filler frame holding the bytes the sinks of the same run have read so
 * far (so that a client can count what arrived, not what it wrote into socket buffers), then the connection
 * closes. A {@code zip…} name's login turns compression on (Set Compression, threshold 256, before Login
 * Success), as a vanilla server's does; the idle players have such names. A run is told by the tag in its
 * player names (see {@link Login#name}). A few
 * selector threads; idle connections cost a few hundred bytes each.
 */
final class Upstream implements Closeable {
    private final ServerSocketChannel server;
    private final List<UpstreamLoop> loops = new ArrayList<>();

    private Upstream(ServerSocketChannel server) {
        this.server = server;
    }

    static Upstream start(InetSocketAddress bind, int threads, int frameSize) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(bind, 4096);
        server.configureBlocking(false);
        Upstream upstream = new Upstream(server);
        ByteBuffer source = Wire.fillerFrames(frameSize, 256 * 1024).asReadOnlyBuffer();
        Map<String, LongAdder> sunk = new ConcurrentHashMap<>();
        for (int i = 0; i < threads; i++) {
            upstream.loops.add(new UpstreamLoop(source, sunk));
        }
        upstream.loops.get(0).accept(server, upstream.loops);
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(upstream.loops.get(i), "upstream-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        return upstream;
    }

    int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (UpstreamLoop loop : loops) {
            loop.stop();
        }
        server.close();
    }
}

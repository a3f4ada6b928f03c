package dev.gamma.bench.load;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bulk transfer over N logged-in connections from one selector thread: {@code up} writes filler frames to
 * sinks, {@code down} reads what sources send. Reports the aggregate rate over the measured stretch, after a
 * warm-up that fills every socket buffer on the way.
 */
final class Throughput {
    enum Direction { UP, DOWN }

    /** {@code upstream}: where to ask how many bytes the sinks read (up); the target itself when direct. */
    record Settings(Target target, Target upstream, int streams, Direction direction, Window window,
            int frameSize) {}

    private Throughput() {}

    static Json run(Settings settings, CpuWatch cpu) throws IOException {
        List<SocketChannel> channels = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            boolean up = settings.direction() == Direction.UP;
            ByteBuffer frames = Wire.fillerFrames(settings.frameSize(), 256 * 1024).asReadOnlyBuffer();
            ByteBuffer scratch = ByteBuffer.allocateDirect(256 * 1024);
            for (int i = 0; i < settings.streams(); i++) {
                SocketChannel channel = Login.open(settings.target(), Login.name(up ? "sink" : "source", i));
                channels.add(channel);
                channel.configureBlocking(false);
                channel.register(selector, up ? SelectionKey.OP_WRITE : SelectionKey.OP_READ,
                        up ? frames.duplicate() : null);
            }
            long start = System.nanoTime();
            long measureFrom = start + settings.window().warmupNanos();
            long end = measureFrom + settings.window().measureNanos();
            long[] bytes = {0};
            Consumer<SelectionKey> transfer = up
                    ? key -> bytes[0] += write(key)
                    : key -> bytes[0] += read(key, scratch);
            long countedFrom = -1;
            long bytesAtStart = 0;
            long sunkAtStart = 0;
            for (long now = start; now < end; now = System.nanoTime()) {
                if (countedFrom < 0 && now >= measureFrom) {
                    sunkAtStart = up ? Login.sunkBytes(settings.upstream()) : 0;
                    countedFrom = System.nanoTime();
                    bytesAtStart = bytes[0];
                    cpu.start();
                }
                selector.select(transfer, 100);
            }
            long sent = bytes[0] - bytesAtStart;
            // what arrived: with many streams, socket buffers on the way hold many megabytes that were
            // written but not yet relayed
            long arrived = up ? Login.sunkBytes(settings.upstream()) - sunkAtStart : sent;
            double seconds = (System.nanoTime() - countedFrom) / 1e9;
            Json result = new Json().put("mode", "throughput")
                    .put("direction", settings.direction().name().toLowerCase())
                    .put("streams", settings.streams())
                    .put("frame", settings.frameSize())
                    .put("mbps", arrived / seconds / 1e6);
            if (up) {
                result.put("sentMbps", sent / seconds / 1e6);
            }
            result.put("seconds", seconds);
            cpu.stop(result);
            return result;
        } finally {
            for (SocketChannel channel : channels) {
                reset(channel);
            }
        }
    }

    /** A reset, not a close: what is still in the buffers is dropped, not relayed into the next measurement. */
    private static void reset(SocketChannel channel) throws IOException {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // already closed
        }
        channel.close();
    }

    private static long write(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer frames = (ByteBuffer) key.attachment();
        try {
            int n = channel.write(frames);
            if (!frames.hasRemaining()) {
                frames.rewind();
            }
            return n;
        } catch (IOException e) {
            throw new StreamBroken(channel, e);
        }
    }

    private static long read(SelectionKey key, ByteBuffer scratch) {
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            int n = channel.read(scratch.clear());
            if (n < 0) {
                throw new StreamBroken(channel, new IOException("closed by the other side"));
            }
            return n;
        } catch (IOException e) {
            throw new StreamBroken(channel, e);
        }
    }

    /** A stream that failed during the measurement: the whole figure is void. */
    static final class StreamBroken extends RuntimeException {
        StreamBroken(SocketChannel channel, IOException cause) {
            super("a stream broke during the measurement: " + cause.getMessage(), cause);
        }
    }
}

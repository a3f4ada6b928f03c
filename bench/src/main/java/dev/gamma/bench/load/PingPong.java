package dev.gamma.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Round-trip time of one small frame through an echo upstream, one at a time on one connection: the
 * latency a relay adds per message. Every round trip of the measured stretch is kept.
 */
final class PingPong {
    record Settings(Target target, int size, int maxCount, Window window) {}

    private PingPong() {}

    static Json run(Settings settings, CpuWatch cpu) throws IOException {
        ByteBuffer ping = Wire.fillerFrames(settings.size(), settings.size());
        ByteBuffer pong = ByteBuffer.allocateDirect(settings.size());
        Samples samples = new Samples();
        try (SocketChannel channel = Login.open(settings.target(), Login.name("echo", 0))) {
            long start = System.nanoTime();
            long measureFrom = start + settings.window().warmupNanos();
            long end = measureFrom + settings.window().measureNanos();
            boolean measuring = false;
            for (long now = start; now < end && samples.size() < settings.maxCount(); ) {
                if (!measuring && now >= measureFrom) {
                    measuring = true;
                    cpu.start();
                }
                Login.writeFully(channel, ping.rewind());
                pong.clear();
                while (pong.hasRemaining()) {
                    if (channel.read(pong) < 0) {
                        throw new IOException("the echo connection closed");
                    }
                }
                long after = System.nanoTime();
                if (measuring) {
                    samples.add(after - now);
                }
                now = after;
            }
            if (!pong.flip().equals(ping.rewind())) {
                throw new IOException("the echo came back altered");
            }
        }
        if (samples.size() == 0) {
            throw new IOException("no round trip in the measured stretch");
        }
        Json result = new Json().put("mode", "latency").put("size", settings.size())
                .put("count", samples.size())
                .put("p50Us", samples.percentile(0.50) / 1e3)
                .put("p99Us", samples.percentile(0.99) / 1e3)
                .put("p999Us", samples.percentile(0.999) / 1e3)
                .put("maxUs", samples.max() / 1e3);
        cpu.stop(result);
        return result;
    }
}

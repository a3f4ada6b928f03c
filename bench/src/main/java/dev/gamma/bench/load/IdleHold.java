package dev.gamma.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Opens N logged-in connections and leaves them idle, so that the harness can weigh the proxy. Prints a
 * ready line when all are open, then holds them until the hold time is over or the release file appears.
 */
final class IdleHold {
    record Settings(Target target, int connections, int parallel, long holdNanos, Path release) {}

    private IdleHold() {}

    static Json run(Settings settings, PrintStream out) throws Exception {
        List<SocketChannel> channels = Collections.synchronizedList(new ArrayList<>(settings.connections()));
        long start = System.nanoTime();
        try {
            open(settings, channels);
            double openSeconds = (System.nanoTime() - start) / 1e9;
            out.println(new Json().put("mode", "idle").put("event", "ready")
                    .put("connections", channels.size()).put("openSeconds", openSeconds));
            out.flush();
            long until = System.nanoTime() + settings.holdNanos();
            while (System.nanoTime() < until && (settings.release() == null || !Files.exists(settings.release()))) {
                Thread.sleep(20);
            }
            int alive = countOpen(channels);
            return new Json().put("mode", "idle").put("event", "released").put("connections", channels.size())
                    .put("alive", alive).put("openSeconds", openSeconds);
        } finally {
            for (SocketChannel channel : channels) {
                channel.close();
            }
        }
    }

    private static void open(Settings settings, List<SocketChannel> channels) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallel());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < settings.parallel(); w++) {
                int first = w;
                workers.add(pool.submit(() -> {
                    for (int i = first; i < settings.connections(); i += settings.parallel()) {
                        channels.add(Login.open(settings.target(), Login.name(Wire.COMPRESSING + "I", i)));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Connections the proxy has not closed meanwhile (a closed one reads end-of-stream at once). */
    private static int countOpen(List<SocketChannel> channels) {
        ByteBuffer probe = ByteBuffer.allocate(64);
        int alive = 0;
        for (SocketChannel channel : channels) {
            try {
                channel.configureBlocking(false);
                if (channel.read(probe.clear()) == 0) {
                    alive++;
                }
            } catch (IOException e) {
                // reset: not alive
            }
        }
        return alive;
    }
}

package dev.gamma.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New logins per second with a fixed number in flight: connect, Handshake + Login Start, wait for the first
 * byte of the answer, close. Every connection uses a new player name; one selector thread.
 */
final class ConnRate {
    record Settings(Target target, int inflight, Window window) {}

    private static final String PREFIX = "sinkC";
    private static final int DIGITS = 8;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Settings settings;
    private final Selector selector;
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    /** Slots to open a connection for: at the start, and after a failure (never opened from inside one). */
    private final Queue<Slot> waiting = new ArrayDeque<>();
    private int nextName = ThreadLocalRandom.current().nextInt(1 << 28);
    private long completed;
    private long failed;
    private String lastFailure = "";

    private ConnRate(Settings settings) throws IOException {
        this.settings = settings;
        this.selector = Selector.open();
    }

    static Json run(Settings settings, CpuWatch cpu) throws IOException {
        ConnRate rate = new ConnRate(settings);
        try (Selector ignored = rate.selector) {
            return rate.measure(cpu);
        }
    }

    private Json measure(CpuWatch cpu) throws IOException {
        for (int i = 0; i < settings.inflight(); i++) {
            waiting.add(new Slot(settings.target()));
        }
        long start = System.nanoTime();
        long measureFrom = start + settings.window().warmupNanos();
        long end = measureFrom + settings.window().measureNanos();
        long countedFrom = -1;
        long completedAtStart = 0;
        long failedAtStart = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            if (countedFrom < 0 && now >= measureFrom) {
                countedFrom = now;
                completedAtStart = completed;
                failedAtStart = failed;
                cpu.start();
            }
            for (int i = waiting.size(); i > 0; i--) {
                open(waiting.poll());
            }
            selector.select(this::ready, waiting.isEmpty() ? 100 : 1);
            if (failed > 1000 && completed == 0) {
                throw new IOException("no login succeeds: " + lastFailure);
            }
        }
        double seconds = (System.nanoTime() - countedFrom) / 1e9;
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        Json result = new Json().put("mode", "connrate").put("inflight", settings.inflight())
                .put("cps", (completed - completedAtStart) / seconds)
                .put("connections", completed - completedAtStart)
                .put("errors", failed - failedAtStart)
                .put("seconds", seconds);
        if (failed > failedAtStart) {
            result.put("lastError", lastFailure);
        }
        cpu.stop(result);
        return result;
    }

    /**
     * A blocking connect: on loopback the kernel completes the handshake inside the call (the proxy's accept
     * is not needed for it), which spares a readiness round trip and three system calls per connection.
     */
    private void open(Slot slot) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(slot.address);
            channel.configureBlocking(false);
            slot.rename(nextName++);
            send(channel, slot);
            channel.register(selector, SelectionKey.OP_READ, slot);
        } catch (IOException e) {
            fail(slot, channel, e);
        }
    }

    private void ready(SelectionKey key) {
        Slot slot = (Slot) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            if (key.isReadable()) {
                int n = channel.read(scratch.clear());
                if (n < 0) {
                    throw new IOException("closed before answering the login");
                }
                if (slot.answered(scratch.flip())) {
                    channel.close();
                    completed++;
                    open(slot);
                }
            }
        } catch (IOException e) {
            fail(slot, channel, e);
        }
    }

    private void send(SocketChannel channel, Slot slot) throws IOException {
        channel.write(slot.greeting.rewind());
        if (slot.greeting.hasRemaining()) {
            throw new IOException("a fresh connection took less than " + slot.greeting.capacity() + " bytes");
        }
    }

    private void fail(Slot slot, SocketChannel channel, IOException e) {
        failed++;
        lastFailure = String.valueOf(e.getMessage());
        if (channel != null) {
            UpstreamConnection.closeQuietly(channel);
        }
        waiting.add(slot);
    }

    /** One in-flight connection's reusable greeting; only the name's digits (and the UUID) change. */
    private static final class Slot {
        final InetSocketAddress address;
        final ByteBuffer greeting;
        private final int digitsAt;

        Slot(Target target) {
            this.address = target.address();
            String template = PREFIX + "0".repeat(DIGITS);
            byte[] bytes = target.greeting(template);
            this.greeting = ByteBuffer.wrap(bytes);
            // Login Start is last: name, then the 16-byte UUID
            this.digitsAt = bytes.length - 16 - DIGITS;
        }

        private int received;
        private int firstByte;

        void rename(int n) {
            received = 0;
            greeting.putInt(greeting.capacity() - 4, n);
            for (int i = DIGITS - 1; i >= 0; i--) {
                greeting.put(digitsAt + i, HEX[n & 0xF]);
                n >>>= 4;
            }
        }

        /**
         * True once the packet id of the answer is in: Login Success. A short answer's length takes one byte,
         * so the id is the second byte; a Disconnect (id 0) is a refusal.
         */
        boolean answered(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining() && received < 2) {
                int b = bytes.get() & 0xFF;
                if (received++ == 0) {
                    firstByte = b;
                } else if (b != Wire.LOGIN_SUCCESS_ID || firstByte >= 0x80) {
                    throw new IOException("login answered with packet 0x" + Integer.toHexString(b)
                            + (b == Wire.DISCONNECT_ID ? " (Disconnect)" : ""));
                }
            }
            return received >= 2;
        }
    }
}

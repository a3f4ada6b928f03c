package dev.gamma.bench.jmh;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The first packet of every connection: a 1.21.4 login handshake as a vanilla client sends it, and as a Forge
 * client sends it (the FML3 marker after the host). {@code decode} takes the frame body; {@code frameAndDecode}
 * also finds the frame in the bytes received, as the greeting reader does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandshakeBenchmark {
    @Param({"vanilla", "forge"})
    String client;

    private ByteBuffer frame;
    private ByteBuffer body;

    @Setup
    public void setUp() {
        String address = client.equals("forge") ? "play.example.com\0FML3\0" : "play.example.com";
        byte[] bytes = new Handshake(769, address, 25565, Handshake.LOGIN).encode();
        frame = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        body = Frames.next(frame.duplicate(), Frames.MAX_FRAME_LENGTH);
    }

    @Benchmark
    public Handshake decode() {
        return Handshake.decode(body);
    }

    @Benchmark
    public Handshake frameAndDecode() {
        return Handshake.decode(Frames.next(frame.duplicate(), 4096));
    }
}

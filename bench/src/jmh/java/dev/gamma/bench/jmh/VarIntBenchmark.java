package dev.gamma.bench.jmh;

import dev.gamma.protocol.WireReader;
import dev.gamma.protocol.WireWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * VarInt read and write, per VarInt, for values that take 1, 3 and 5 bytes on the wire. Each invocation handles
 * {@value #COUNT} values so that the reader and writer objects around them are shared the way a packet shares
 * them; at 5 bytes each they still fit the writer's initial 64-byte array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VarIntBenchmark {
    static final int COUNT = 8;

    @Param({"1", "3", "5"})
    int bytes;

    private int value;
    private ByteBuffer encoded;

    @Setup
    public void setUp() {
        value = switch (bytes) {
            case 1 -> 100;
            case 3 -> 25_565 * 10;
            case 5 -> Integer.MAX_VALUE;
            default -> throw new IllegalArgumentException("no value of " + bytes + " bytes");
        };
        WireWriter writer = new WireWriter();
        for (int i = 0; i < COUNT; i++) {
            writer.writeVarInt(value);
        }
        if (writer.size() != COUNT * bytes) {
            throw new IllegalStateException(value + " does not take " + bytes + " bytes");
        }
        encoded = ByteBuffer.wrap(writer.toByteArray()).asReadOnlyBuffer();
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public int read() {
        WireReader in = new WireReader(encoded.duplicate());
        int sum = 0;
        for (int i = 0; i < COUNT; i++) {
            sum += in.readVarInt();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public int write() {
        WireWriter out = new WireWriter();
        for (int i = 0; i < COUNT; i++) {
            out.writeVarInt(value);
        }
        return out.size();
    }
}

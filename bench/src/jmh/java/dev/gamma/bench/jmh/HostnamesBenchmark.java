package dev.gamma.bench.jmh;

import dev.gamma.route.Hostnames;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Hostname normalization for the addresses clients really send. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HostnamesBenchmark {
    @Param({"plain", "upper", "trailing-dot", "forge", "tcpshield"})
    String shape;

    private String address;

    @Setup
    public void setUp() {
        address = switch (shape) {
            case "plain" -> "play.example.com";
            case "upper" -> "Play.Example.COM";
            case "trailing-dot" -> "play.example.com.";
            case "forge" -> "play.example.com\0FML3\0";
            case "tcpshield" -> "play.example.com///203.0.113.7:51234///1700000000";
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    }

    @Benchmark
    public String normalize() {
        return Hostnames.normalize(address);
    }
}

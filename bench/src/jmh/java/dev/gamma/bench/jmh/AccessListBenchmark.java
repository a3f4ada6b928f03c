package dev.gamma.bench.jmh;

import dev.gamma.route.AccessList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * The access check every new connection makes, against a deny list of {@code entries} ranges (three IPv4 /24s
 * for every IPv6 /48, as a list built during a flood would look): an IPv4 address it does not name, one it
 * does, and an IPv6 address it does not name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessListBenchmark {
    @Param({"10", "10000"})
    int entries;

    @Param({"ipv4-miss", "ipv4-hit", "ipv6-miss"})
    String address;

    private AccessList list;
    private String client;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        List<String> deny = new ArrayList<>();
        String named = null;
        while (deny.size() < entries) {
            if (deny.size() % 4 == 3) {
                deny.add(String.format("2001:db8:%x::/48", random.nextInt(0x10000)));
            } else {
                // 10.x.y.0/24: never 192.0.2.0/24, which the miss below uses
                named = "10." + random.nextInt(256) + "." + random.nextInt(256);
                deny.add(named + ".0/24");
            }
        }
        list = AccessList.of(List.of(), deny);
        client = switch (address) {
            case "ipv4-miss" -> "192.0.2.45";
            case "ipv4-hit" -> named + ".77";
            case "ipv6-miss" -> "2001:db9::45";
            default -> throw new IllegalArgumentException(address);
        };
    }

    @Benchmark
    public boolean admits() {
        return list.admits(client);
    }
}

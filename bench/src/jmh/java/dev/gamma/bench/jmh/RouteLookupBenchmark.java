package dev.gamma.bench.jmh;

import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.RouteTable;
import dev.gamma.route.StatusPlayers;
import dev.gamma.route.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Route lookup in a table of {@value #ROUTES} routes: 900 exact names, 99 wildcards over two levels
 * ({@code *.netN.example.org} and {@code *.eu.netN.example.org}) and the default route {@code *}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteLookupBenchmark {
    static final int ROUTES = 1000;
    private static final int EXACT = 900;

    @Param({"exact", "wildcard", "nested-wildcard", "miss"})
    String hit;

    private RouteTable table;
    private String host;

    @Setup
    public void setUp() {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < EXACT; i++) {
            routes.add(route("server" + i + ".example.com"));
        }
        for (int i = 0; routes.size() < ROUTES - 1; i++) {
            routes.add(route(i % 2 == 0 ? "*.net" + i + ".example.org" : "*.eu.net" + (i - 1) + ".example.org"));
        }
        routes.add(route(RouteTable.DEFAULT_HOST));
        table = RouteTable.of(routes);
        host = switch (hit) {
            case "exact" -> "server450.example.com";
            case "wildcard" -> "lobby.net42.example.org";
            case "nested-wildcard" -> "lobby.eu.net42.example.org";
            case "miss" -> "play.unknown.example.net";
            default -> throw new IllegalArgumentException("unknown lookup " + hit);
        };
        Route found = table.lookup(host).orElseThrow();
        String expected = switch (hit) {
            case "exact" -> host;
            case "wildcard" -> "*.net42.example.org";
            case "nested-wildcard" -> "*.eu.net42.example.org";
            default -> RouteTable.DEFAULT_HOST;
        };
        if (!found.name().equals(expected)) {
            throw new IllegalStateException(host + " found " + found.name() + ", expected " + expected);
        }
    }

    @Benchmark
    public Optional<Route> lookup() {
        return table.lookup(host);
    }

    private static Route route(String host) {
        return new Route(host, List.of(host), List.of(new Backend("127.0.0.1", 25566)), Strategy.FIRST, "none", "",
                0, Duration.ofSeconds(5), new FallbackStatus("offline", "", "", 0, 0), "down", List.of(), false,
                "none", false, StatusPlayers.BACKEND);
    }
}

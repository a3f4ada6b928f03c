package dev.gamma.cluster;

import static dev.gamma.testkit.Await.await;

import dev.gamma.config.AdminConfig;
import dev.gamma.config.AntiBotConfig;
import dev.gamma.config.ClusterConfig;
import dev.gamma.config.ClusterSecrets;
import dev.gamma.config.ClusterTls;
import dev.gamma.config.GammaConfig;
import dev.gamma.config.HostPort;
import dev.gamma.config.Limits;
import dev.gamma.config.ProxyProtocolConfig;
import dev.gamma.config.RelayConfig;
import dev.gamma.config.Timeouts;
import dev.gamma.config.UnknownHostConfig;
import dev.gamma.route.Route;
import dev.gamma.route.RouteJson;
import dev.gamma.testkit.LoopbackPorts;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** Clustered nodes in this JVM on 127.0.0.1, found by tcp-ip on free ports, and waiting helpers. */
final class ClusterFixture {
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);
    static final ClusterSecrets SECRETS = new ClusterSecrets(List.of("a-test-cluster-secret-of-32-characters"));

    private ClusterFixture() {}

    /** Free ports for one cluster's members, chosen now, below the ephemeral range ({@link LoopbackPorts}). */
    static List<Integer> freePorts(int count) {
        int first = LoopbackPorts.run(count);
        return IntStream.range(first, first + count).boxed().toList();
    }

    static GammaConfig config(String clusterName, int port, List<Integer> ports, Path dataDir) {
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        ClusterConfig cluster = new ClusterConfig(true, clusterName, new HostPort("127.0.0.1", port), members,
                "tcp-ip", "", NODE_TIMEOUT, "", new HostPort("127.0.0.1", 0), SECRETS, ClusterTls.OFF);
        return config(cluster, dataDir);
    }

    static GammaConfig config(ClusterConfig cluster, Path dataDir) {
        return new GammaConfig(new HostPort("127.0.0.1", 0), new ProxyProtocolConfig(false, List.of()),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofSeconds(30),
                        Duration.ofSeconds(2)),
                new Limits(5, 10, 4096, 16, 2048, 64),
                new UnknownHostConfig("", ""), List.of(), new AdminConfig(new HostPort("127.0.0.1", 0), ""),
                cluster, dataDir, dataDir.resolve("plugins"), "kick-old", new RelayConfig(false),
                AntiBotConfig.OFF);
    }

    /** Starts a member and its route store (with these file routes). */
    static ClusterNode start(GammaConfig config, List<SharedRoute> fileRoutes) {
        ClusterNode node = await(ClusterBootstrap.start(config, new VertxOptions()));
        await(node.crosstalk().routes().start(fileRoutes));
        return node;
    }

    static SharedRoute fileRoute(String host, String backend) {
        return new SharedRoute(host, route(host, backend), SharedRoute.Source.FILE, 1);
    }

    static SharedRoute apiRoute(String host, String backend, long updatedAt) {
        return new SharedRoute(host, route(host, backend), SharedRoute.Source.API, updatedAt);
    }

    /** A route of {@code host} to {@code backend} with the defaults a config file would give. */
    static Route route(String host, String backend) {
        return RouteJson.decode(new JsonObject().put("host", List.of(host)).put("backends", List.of(backend)));
    }

    static PlayerEntry player(String id, String name, String node) {
        return new PlayerEntry(id, name, "", node, "play.example.com", "10.0.0.1:25565", "203.0.113.9:50000",
                767, false, System.currentTimeMillis(), 0, 0);
    }
}

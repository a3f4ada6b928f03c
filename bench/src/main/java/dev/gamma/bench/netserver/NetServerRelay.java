package dev.gamma.bench.netserver;

import dev.gamma.route.Hostnames;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The players' port as Vert.x offers it: a {@code NetServer} per event loop (one verticle instance each, all on
 * one port with SO_REUSEPORT), a {@code NetClient} to the backend and a {@code pipe} each way. The benchmark's
 * {@code netserver} target, measured against Gamma's bare Netty channels; not part of the product.
 * <p>
 * Usage: {@code NetServerRelay --bind HOST:PORT --route HOSTNAME=HOST:PORT [--route ...]}. Prints one JSON
 * line when it listens: {@code {"event":"ready","transport":"epoll","instances":N,...}}; exits with 1 when the
 * native transport is not in use (the comparison would then be with NIO, not with Gamma's epoll).
 */
public final class NetServerRelay {
    private NetServerRelay() {
    }

    public static void main(String[] args) {
        String bind = null;
        Map<String, SocketAddress> routes = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bind" -> bind = args[i + 1];
                case "--route" -> {
                    String[] route = args[i + 1].split("=", 2);
                    routes.put(Hostnames.normalize(route[0]), address(route[1]));
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (bind == null || routes.isEmpty() || args.length % 2 != 0) {
            usage("--bind and at least one --route are required");
        }
        SocketAddress listen = address(bind);
        VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
        Vertx vertx = Vertx.vertx(options);
        if (!vertx.isNativeTransportEnabled()) {
            System.err.println("NetServerRelay: the native transport is not available: "
                    + vertx.unavailableNativeTransportCause());
            System.exit(1);
        }
        int instances = options.getEventLoopPoolSize();
        RelayVerticle.Settings settings = new RelayVerticle.Settings(listen, Map.copyOf(routes));
        vertx.deployVerticle(() -> new RelayVerticle(settings), new DeploymentOptions().setInstances(instances))
                // Vert.x's only native transport on Linux with what Gamma ships is epoll
                .onSuccess(id -> System.out.println("{\"event\":\"ready\",\"transport\":\"epoll\",\"instances\":"
                        + instances + ",\"port\":" + listen.port() + "}"))
                .onFailure(e -> {
                    System.err.println("NetServerRelay: cannot listen on " + listen + ": " + e.getMessage());
                    System.exit(1);
                });
    }

    private static SocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            usage("not host:port: " + hostPort);
        }
        return SocketAddress.inetSocketAddress(Integer.parseInt(hostPort.substring(colon + 1)),
                hostPort.substring(0, colon));
    }

    private static void usage(String problem) {
        System.err.println("NetServerRelay: " + problem
                + "\nusage: NetServerRelay --bind HOST:PORT --route HOSTNAME=HOST:PORT [--route ...]");
        System.exit(2);
    }
}

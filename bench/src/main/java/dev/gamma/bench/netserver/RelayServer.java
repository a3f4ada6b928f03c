package dev.gamma.bench.netserver;

import dev.gamma.route.Hostnames;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's A/B of the players' listener: one minimal login relay (see {@link GreetingBuffer}) on two kinds
 * of sockets, in a Vert.x with the native transport and its default event loops, as a Gamma node has them.
 * <ul>
 *   <li>{@code --listener netserver}: as Vert.x offers it, one verticle instance per event loop, each with a
 *   {@code NetServer} on the port ({@code setReusePort(true)}) and a {@code NetClient} to the backend, and a
 *   {@code pipe} each way ({@link RelayVerticle}, {@link RelaySession});</li>
 *   <li>{@code --listener bare}: as Gamma does it, a listening socket per event loop and bare Netty channels
 *   ({@link BareListener}, {@link BareSession}, {@link BarePipe}).</li>
 * </ul>
 * Usage: {@code RelayServer --listener netserver|bare --bind HOST:PORT --route HOSTNAME=HOST:PORT [--route ...]}.
 * Prints one JSON line when it listens: {@code {"event":"ready","listener":...,"transport":"epoll","loops":N}};
 * exits with 1 when the native transport is not in use (the comparison would then be with NIO, not epoll).
 */
public final class RelayServer {
    private RelayServer() {
    }

    public static void main(String[] args) {
        String listener = null;
        String bind = null;
        Map<String, String> routes = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--listener" -> listener = args[i + 1];
                case "--bind" -> bind = args[i + 1];
                case "--route" -> {
                    String[] route = args[i + 1].split("=", 2);
                    routes.put(Hostnames.normalize(route[0]), route.length == 2 ? route[1] : "");
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (listener == null || bind == null || routes.isEmpty() || args.length % 2 != 0
                || !listener.equals("netserver") && !listener.equals("bare")) {
            usage("--listener netserver|bare, --bind and at least one --route are required");
        }
        VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
        Vertx vertx = Vertx.vertx(options);
        if (!vertx.isNativeTransportEnabled()) {
            System.err.println("RelayServer: the native transport is not available: "
                    + vertx.unavailableNativeTransportCause());
            System.exit(1);
        }
        int loops = options.getEventLoopPoolSize();
        InetSocketAddress address = address(bind);
        Future<?> listening;
        if (listener.equals("bare")) {
            Map<String, InetSocketAddress> backends = new HashMap<>();
            routes.forEach((host, backend) -> backends.put(host, address(backend)));
            listening = BareListener.bind((VertxInternal) vertx, address, Map.copyOf(backends));
        } else {
            Map<String, SocketAddress> backends = new HashMap<>();
            routes.forEach((host, backend) -> backends.put(host, SocketAddress.inetSocketAddress(address(backend))));
            RelayVerticle.Settings settings = new RelayVerticle.Settings(SocketAddress.inetSocketAddress(address),
                    Map.copyOf(backends));
            listening = vertx.deployVerticle(() -> new RelayVerticle(settings),
                    new DeploymentOptions().setInstances(loops));
        }
        String name = listener;
        // with what Gamma ships, Vert.x's only native transport on Linux is epoll
        listening.onSuccess(v -> System.out.println("{\"event\":\"ready\",\"listener\":\"" + name
                        + "\",\"transport\":\"epoll\",\"loops\":" + loops + ",\"port\":" + address.getPort() + "}"))
                .onFailure(e -> {
                    System.err.println("RelayServer: cannot listen on " + address + ": " + e.getMessage());
                    System.exit(1);
                });
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            usage("not host:port: " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static void usage(String problem) {
        System.err.println("RelayServer: " + problem + "\nusage: RelayServer --listener netserver|bare "
                + "--bind HOST:PORT --route HOSTNAME=HOST:PORT [--route ...]");
        System.exit(2);
    }
}

package dev.gamma.bench.netserver;

import dev.gamma.route.Hostnames;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.transport.Transport;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's A/B of the players' listener: one minimal login relay (see {@link GreetingBuffer}) on two kinds
 * of sockets, in a Vert.x with a Gamma node's transport and its default event loops, as a Gamma node has them.
 * <ul>
 *   <li>{@code --listener netserver}: as Vert.x offers it, one verticle instance per event loop, each with a
 *   {@code NetServer} on the port ({@code setReusePort(true)}) and a {@code NetClient} to the backend, and a
 *   {@code pipe} each way ({@link RelayVerticle}, {@link RelaySession});</li>
 *   <li>{@code --listener bare}: as Gamma does it, a listening socket per event loop and bare Netty channels
 *   ({@link BareListener}, {@link BareSession}, {@link BarePipe}).</li>
 * </ul>
 * Usage: {@code RelayServer --listener netserver|bare --bind HOST:PORT --route HOSTNAME=HOST:PORT [--route ...]
 * [--transport auto|io_uring|epoll]}; {@code auto} (the default) is what a node's {@code relay.transport: auto}
 * takes, io_uring where the kernel allows it, else epoll. Prints one JSON line when it listens:
 * {@code {"event":"ready","listener":...,"transport":"io_uring","loops":N}}; exits with 1 when the transport is not
 * available (the comparison would then be with NIO).
 */
public final class RelayServer {
    private RelayServer() {
    }

    public static void main(String[] args) {
        String listener = null;
        String bind = null;
        String transportName = "auto";
        Map<String, String> routes = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--listener" -> listener = args[i + 1];
                case "--bind" -> bind = args[i + 1];
                case "--transport" -> transportName = args[i + 1];
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
        Transport transport = transport(transportName);
        VertxOptions options = new VertxOptions();
        Vertx vertx = Vertx.builder().with(options).withTransport(transport).build();
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
        String running = transport.name().toLowerCase(Locale.ROOT);
        listening.onSuccess(v -> System.out.println("{\"event\":\"ready\",\"listener\":\"" + name
                        + "\",\"transport\":\"" + running + "\",\"loops\":" + loops + ",\"port\":"
                        + address.getPort() + "}"))
                .onFailure(e -> {
                    System.err.println("RelayServer: cannot listen on " + address + ": " + e.getMessage());
                    System.exit(1);
                });
    }

    /**
     * The named native transport, or for {@code auto} what a Gamma node's {@code relay.transport: auto} takes:
     * io_uring, else epoll. Exits with 1 when it is not available (the A/B would then measure something else).
     */
    private static Transport transport(String name) {
        List<Transport> wanted = switch (name) {
            case "auto" -> List.of(Transport.IO_URING, Transport.EPOLL);
            case "io_uring" -> List.of(Transport.IO_URING);
            case "epoll" -> List.of(Transport.EPOLL);
            default -> {
                usage("--transport auto|io_uring|epoll, not " + name);
                yield List.of();
            }
        };
        for (Transport transport : wanted) {
            if (transport.available()) {
                return transport;
            }
        }
        System.err.println("RelayServer: transport " + name + " is not available: "
                + wanted.get(wanted.size() - 1).unavailabilityCause());
        System.exit(1);
        return null;
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
                + "--bind HOST:PORT --route HOSTNAME=HOST:PORT [--route ...] [--transport auto|io_uring|epoll]");
        System.exit(2);
    }
}

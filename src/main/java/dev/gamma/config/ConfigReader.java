package dev.gamma.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@link Tree} into a {@link GammaConfig}: this class is where the top-level keys, their defaults and their
 * rules are written down (routes are in {@link RouteReader}). Every problem goes to {@link Problems}.
 */
final class ConfigReader {
    private static final ValueType<Duration> POSITIVE_DURATION =
            ValueType.DURATION.where(d -> d.toNanos() > 0, "must be > 0");
    private static final ValueType<String> DUPLICATE_LOGIN =
            ValueType.oneOf("duplicate-login", List.of("allow", "kick-old", "deny-new"));
    private static final ValueType<String> TRANSPORT = ValueType.oneOf("transport",
            Arrays.stream(RelayConfig.Transport.values()).map(RelayConfig.Transport::key).toList());
    private static final int MAX_EVENT_LOOPS = 1024;
    private static final ValueType<Integer> LOOP_COUNT = ValueType.WHOLE_NUMBER.where(
            n -> n >= 1 && n <= MAX_EVENT_LOOPS, "must be auto or from 1 to " + MAX_EVENT_LOOPS);
    private static final ValueType<Integer> EVENT_LOOPS = new ValueType<>("auto or a whole number",
            s -> "auto".equals(s.strip()) ? RelayConfig.AUTO_LOOPS : LOOP_COUNT.parse().apply(s));
    private static final ValueType<String> CIDR = new ValueType<>("an IP address or CIDR range", HostSyntax::cidr);
    private static final ValueType<Authority> ALLOWED_HOST = new ValueType<>("host or host:port", Authority::parse);

    private final Problems problems;
    private final EnvOverrides env;
    private final RouteReader routes;
    private final ClusterReader cluster;
    private final Path baseDir;

    /**
     * @param baseDir the config file's directory: relative favicon, secret and TLS files and the plugins directory
     *     are found there
     */
    ConfigReader(Problems problems, EnvOverrides env, Path baseDir) {
        this.problems = problems;
        this.env = env;
        this.baseDir = baseDir;
        this.routes = new RouteReader(Favicons.forConfigFile(baseDir));
        this.cluster = new ClusterReader(baseDir);
    }

    GammaConfig read(Tree tree) {
        Tree.Mapping map = tree instanceof Tree.Mapping m ? m : Tree.Mapping.empty(tree.origin());
        if (map != tree) {
            problems.add(tree.origin(), "", "expected a map of settings at the top level, got " + tree.describe());
        }
        Section root = new Section("", map, problems, env);
        GammaConfig config = new GammaConfig(
                root.get("bind", ValueType.HOST_PORT, new HostPort("0.0.0.0", 25565)),
                proxyProtocol(root.section("proxy-protocol")),
                timeouts(root.section("timeouts")),
                limits(root.section("limits")),
                unknownHost(root.section("unknown-host")),
                routes.read(root),
                admin(root.section("admin")),
                cluster.read(root.section("cluster")),
                path(root, "data-dir", "data"),
                // never the working directory: whoever can write there would choose the code a node runs
                baseDir.resolve(path(root, "plugins-dir", "plugins")).normalize(),
                root.get("duplicate-login", DUPLICATE_LOGIN, "kick-old"),
                relay(root.section("relay")),
                AntiBotReader.read(root.section("anti-bot")),
                ShutdownReader.read(root.section("shutdown")),
                AccessReader.read(root),
                WebhooksReader.read(root));
        root.finish();
        return config;
    }

    private ProxyProtocolConfig proxyProtocol(Section s) {
        boolean enabled = s.get("enabled", ValueType.BOOLEAN, false);
        List<String> trusted = s.list("trusted", CIDR, List.of("10.0.0.0/8"));
        if (enabled && trusted.isEmpty()) {
            s.problem(s.originOf("trusted"), s.path("trusted"), "is empty, so every connection would be refused;"
                    + " list the addresses of the load balancers in front");
        }
        s.finish();
        return new ProxyProtocolConfig(enabled, trusted);
    }

    private RelayConfig relay(Section s) {
        RelayConfig relay = new RelayConfig(s.get("splice", ValueType.BOOLEAN, false),
                RelayConfig.Transport.of(s.get("transport", TRANSPORT, "auto")),
                s.get("event-loops", EVENT_LOOPS, RelayConfig.AUTO_LOOPS));
        if (relay.splice() && (relay.transport() == RelayConfig.Transport.IO_URING
                || relay.transport() == RelayConfig.Transport.NIO)) {
            s.problem(s.originOf("transport"), s.path("transport"), "is " + relay.transport().key()
                    + ", but relay.splice needs epoll: set it to epoll or auto, or turn splice off");
        }
        s.finish();
        return relay;
    }

    private Timeouts timeouts(Section s) {
        Duration handshake = s.get("handshake", POSITIVE_DURATION, Duration.ofSeconds(5));
        // a real client's first bytes follow its TCP handshake within a round trip; a silent socket is a scanner
        // or an attack holding a file descriptor
        Duration firstByteDefault = handshake.compareTo(Duration.ofSeconds(2)) < 0 ? handshake : Duration.ofSeconds(2);
        Timeouts timeouts = new Timeouts(
                handshake,
                s.get("connect", POSITIVE_DURATION, Duration.ofSeconds(5)),
                // under the vanilla client's 30 s read timeout, so a player reads the reason, not "Timed out"
                s.get("login", POSITIVE_DURATION, Duration.ofSeconds(25)),
                s.get("stalled", POSITIVE_DURATION, Duration.ofSeconds(30)),
                s.get("first-byte", POSITIVE_DURATION, firstByteDefault));
        if (timeouts.firstByte().compareTo(handshake) > 0) {
            s.problem(s.originOf("first-byte"), s.path("first-byte"), "must not be longer than timeouts.handshake");
        }
        s.finish();
        return timeouts;
    }

    private Limits limits(Section s) {
        Limits limits = new Limits(
                s.get("per-ip-rate", ValueType.NUMBER.where(r -> r > 0, "must be > 0"), 5.0),
                s.get("per-ip-burst", ValueType.WHOLE_NUMBER.where(b -> b >= 1, "must be >= 1"), 10),
                // below ~300 bytes a long hostname no longer fits; above 64 KiB it is not a handshake any more
                s.get("max-handshake-bytes", ValueType.WHOLE_NUMBER.where(n -> n >= 256 && n <= 65536,
                        "must be between 256 and 65536"), 4096),
                // a real client's greeting takes a round trip or two: a few at once from one address (a family, a
                // school behind one NAT) is plenty; a flood of silent sockets from one address stops here
                s.get("max-greeting-per-ip", ValueType.WHOLE_NUMBER.where(n -> n >= 1, "must be >= 1"), 16),
                // below the open-file limit, so that greetings can never take every descriptor from the players
                s.get("max-greeting", ValueType.WHOLE_NUMBER.where(n -> n >= 1, "must be >= 1"), 2048),
                // far above what players need (a large packet is finished within a round trip), far below the
                // direct memory of a node: clients that begin 2 MiB packets and never finish them stop here
                s.get("max-unfinished-packets-mib", ValueType.WHOLE_NUMBER.where(n -> n >= 1 && n <= 65536,
                        "must be between 1 and 65536"), 64));
        s.finish();
        return limits;
    }

    private UnknownHostConfig unknownHost(Section s) {
        UnknownHostConfig unknownHost = new UnknownHostConfig(
                s.get("motd", ValueType.STRING, "Unknown host"),
                s.get("disconnect", ValueType.STRING, "There is no server at {host}"));
        s.finish();
        return unknownHost;
    }

    private AdminConfig admin(Section s) {
        AdminConfig admin = new AdminConfig(
                s.get("bind", ValueType.HOST_PORT, new HostPort("127.0.0.1", 8080)),
                s.get("token", ValueType.STRING, ""),
                s.list("allowed-hosts", ALLOWED_HOST, List.of()));
        // A missing token is pointed out where the bind that needs one was set
        String where = admin.token().isBlank() ? "bind" : "token";
        admin.tokenProblem().ifPresent(problem -> s.problem(s.originOf(where), s.path("token"), problem));
        s.finish();
        return admin;
    }

    private static Path path(Section s, String key, String fallback) {
        String text = s.get(key, ValueType.NON_EMPTY, fallback);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            s.problem(s.originOf(key), s.path(key), "\"" + text + "\" is not a path: " + e.getReason());
            return Path.of(fallback);
        }
    }
}

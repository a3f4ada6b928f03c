package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReadingTest {
    static final RouteConfig DEFAULT_ROUTE = new RouteConfig(
            List.of("play.example.com"),
            List.of(new HostPort("127.0.0.1", 25566)),
            "first", "none", "", 0,
            new StatusConfig(Duration.ofSeconds(10), "Server is offline", "", "", 0, 0,
                    StatusPlayersConfig.BACKEND),
            new MessagesConfig("The server is not reachable right now"),
            List.of(), false, "none", false);

    private static final GammaConfig DEFAULTS = new GammaConfig(
            new HostPort("0.0.0.0", 25565),
            new ProxyProtocolConfig(false, List.of("10.0.0.0/8")),
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofSeconds(30),
                    Duration.ofSeconds(2)),
            new Limits(5, 10, 4096, 16, 2048, 64),
            new UnknownHostConfig("Unknown host", "There is no server at {host}"),
            List.of(),
            new AdminConfig(new HostPort("127.0.0.1", 8080), ""),
            new ClusterConfig(false, "gamma", new HostPort("127.0.0.1", 5701), List.of(), "tcp-ip", "",
                    Duration.ofSeconds(10), "", new HostPort("127.0.0.1", 0), ClusterSecrets.NONE, ClusterTls.OFF),
            Path.of("data"),
            Path.of("plugins"),
            "kick-old",
            new RelayConfig(false),
            AntiBotConfig.OFF);

    @TempDir
    Path dir;

    /** Every default, for a file in {@code configDir}: the plugins directory is found next to it. */
    static GammaConfig defaults(Path configDir) {
        GammaConfig d = DEFAULTS;
        return new GammaConfig(d.bind(), d.proxyProtocol(), d.timeouts(), d.limits(), d.unknownHost(), d.routes(),
                d.admin(), d.cluster(), d.dataDir(), configDir.toAbsolutePath().resolve("plugins"), d.duplicateLogin(),
                d.relay(), d.antiBot());
    }

    @Test
    void emptyFileGivesEveryDefault() {
        assertThat(Fixture.parse(dir, "")).isEqualTo(defaults(dir));
    }

    @Test
    void commentsOnlyAndNullValuesGiveDefaults() {
        assertThat(Fixture.parse(dir, "# nothing\nlimits:\nadmin: {token: ~}\nroutes:\n")).isEqualTo(defaults(dir));
    }

    @Test
    void missingRouteKeysTakeTheirDefaults() {
        GammaConfig config = Fixture.parse(dir, "routes:\n  - {host: play.example.com, backend: 127.0.0.1:25566}\n");
        assertThat(config.routes()).containsExactly(DEFAULT_ROUTE);
    }

    @Test
    void missingKeysInsideAGivenSectionTakeTheirDefaults() {
        GammaConfig config = Fixture.parse(dir, "limits: {per-ip-rate: 2.5}\n"
                + "cluster: {enabled: true, secret: 0123456789abcdef0123456789abcdef}\n");
        assertThat(config.limits()).isEqualTo(new Limits(2.5, 10, 4096, 16, 2048, 64));
        assertThat(config.cluster().enabled()).isTrue();
        assertThat(config.cluster().name()).isEqualTo("gamma");
        assertThat(config.cluster().nodeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theEventBusListensOnTheClusterBindHostByDefault() {
        GammaConfig config = Fixture.parse(dir, "cluster: {bind: 10.0.0.7:5701}\n");
        assertThat(config.cluster().eventBus()).isEqualTo(new HostPort("10.0.0.7", 0));
    }

    @Test
    void readsAFullFile() {
        GammaConfig config = Fixture.parse(dir, """
                bind: "[::]:25577"
                proxy-protocol: {enabled: true, trusted: [192.168.0.0/16, 10.1.2.3, "fd00::/8"]}
                timeouts: {handshake: 500ms, connect: 2, login: 1m, stalled: 10s, first-byte: 200ms}
                limits: {per-ip-rate: 0.5, per-ip-burst: 3, max-handshake-bytes: 2048, max-greeting-per-ip: 4,
                         max-greeting: 100, max-unfinished-packets-mib: 8}
                unknown-host: {motd: "Nope", disconnect: "No {host} here"}
                routes:
                  - host: [Lobby.Example.COM, "*.Lobby.example.com."]
                    backends: [10.0.0.1:25565, "[fd00::2]:25566"]
                    strategy: least-connections
                    proxy-protocol: v2
                    rewrite-host: Internal.Lobby
                    max-players: 100
                    status:
                      cache-ttl: 2m
                      fallback: {motd: Down, version: "1.21", online: 1, max: 20}
                      players: network
                      max: 500
                      sample: true
                    messages: {backend-down: "Back soon"}
                    handlers: [chat-log, brand]
                    inspect: true
                    forwarding: bungeecord
                    forwarding-client-uuid: true
                  - host: "*"
                    backend: 10.0.0.9:25565
                admin:
                  bind: 0.0.0.0:9090
                  token: a-token-of-at-least-32-characters
                  allowed-hosts: [gamma.example.com, "Proxy.Example.:8443", "[::1]"]
                cluster:
                  enabled: true
                  name: net
                  bind: 10.0.0.5:5702
                  members: [10.0.0.6:5701, "gamma-2:5701"]
                  discovery: dns
                  dns-name: gamma.internal
                  node-timeout: 1h
                  public-address: 203.0.113.5:5702
                  event-bus: 10.0.0.5:5801
                  secret: [new-secret-of-at-least-32-characters, old-secret-of-at-least-32-characters]
                data-dir: /var/lib/gamma
                plugins-dir: ext/plugins
                duplicate-login: deny-new
                relay: {splice: true}
                anti-bot:
                  enabled: true
                  trigger: 600/m
                  verify: reconnect
                  reconnect-within: 1m
                  trust-for: 168h
                  cool-down: 2m
                  message: Reconnect please
                """);
        RouteConfig lobby = new RouteConfig(
                List.of("lobby.example.com", "*.lobby.example.com"),
                List.of(new HostPort("10.0.0.1", 25565), new HostPort("fd00::2", 25566)),
                "least-connections", "v2", "internal.lobby", 100,
                new StatusConfig(Duration.ofMinutes(2), "Down", "1.21", "", 1, 20,
                        new StatusPlayersConfig("network", 500, true)),
                new MessagesConfig("Back soon"), List.of("chat-log", "brand"), true, "bungeecord", true);
        RouteConfig fallback = new RouteConfig(List.of("*"), List.of(new HostPort("10.0.0.9", 25565)),
                "first", "none", "", 0, DEFAULT_ROUTE.status(), DEFAULT_ROUTE.messages(), List.of(), false, "none", false);
        assertThat(config).isEqualTo(new GammaConfig(
                new HostPort("::", 25577),
                new ProxyProtocolConfig(true, List.of("192.168.0.0/16", "10.1.2.3", "fd00::/8")),
                new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(1),
                        Duration.ofSeconds(10), Duration.ofMillis(200)),
                new Limits(0.5, 3, 2048, 4, 100, 8),
                new UnknownHostConfig("Nope", "No {host} here"),
                List.of(lobby, fallback),
                new AdminConfig(new HostPort("0.0.0.0", 9090), "a-token-of-at-least-32-characters",
                        List.of(new Authority("gamma.example.com", Authority.NO_PORT),
                                new Authority("proxy.example", 8443),
                                new Authority("0:0:0:0:0:0:0:1", Authority.NO_PORT))),
                new ClusterConfig(true, "net", new HostPort("10.0.0.5", 5702),
                        List.of("10.0.0.6:5701", "gamma-2:5701"), "dns", "gamma.internal", Duration.ofHours(1),
                        "203.0.113.5:5702", new HostPort("10.0.0.5", 5801),
                        new ClusterSecrets(List.of("new-secret-of-at-least-32-characters",
                                "old-secret-of-at-least-32-characters")), ClusterTls.OFF),
                Path.of("/var/lib/gamma"),
                dir.toAbsolutePath().resolve("ext/plugins"),
                "deny-new",
                new RelayConfig(true),
                new AntiBotConfig(true, 10, "reconnect", Duration.ofMinutes(1), Duration.ofHours(168),
                        Duration.ofMinutes(2), "Reconnect please")));
    }

    @Test
    void numbersAndBooleansMayBeQuotedAndStringsMayLookLikeNumbers() {
        GammaConfig config = Fixture.parse(dir, """
                proxy-protocol: {enabled: "yes"}
                limits: {per-ip-rate: "7"}
                admin: {token: 12345}
                """);
        assertThat(config.proxyProtocol().enabled()).isTrue();
        assertThat(config.limits().perIpRate()).isEqualTo(7.0);
        assertThat(config.admin().token()).isEqualTo("12345");
    }

    @Test
    void aHostListedTwiceInOneRouteIsKeptOnce() {
        GammaConfig config = Fixture.parse(dir, "routes: [{host: [a.com, A.com], backend: a:1}]\n");
        assertThat(config.routes().get(0).hosts()).containsExactly("a.com");
    }

    @Test
    void theShippedDefaultConfigLoadsCleanlyWithItsExampleRoute() {
        GammaConfig config = Fixture.parse(Path.of("conf/gamma.yaml"), Map.of());
        RouteConfig shipped = config.routes().get(0);
        assertThat(shipped.hosts()).containsExactly("localhost", "play.example.com");
        assertThat(new RouteConfig(DEFAULT_ROUTE.hosts(), shipped.backends(), shipped.strategy(), shipped.proxyProtocol(),
                shipped.rewriteHost(), shipped.maxPlayers(), shipped.status(), shipped.messages(), shipped.handlers(),
                shipped.inspect(), shipped.forwarding(), shipped.forwardingClientUuid())).isEqualTo(DEFAULT_ROUTE);
        assertThat(config.routes()).hasSize(1);
        assertThat(new GammaConfig(config.bind(), config.proxyProtocol(), config.timeouts(), config.limits(),
                config.unknownHost(), List.of(), config.admin(), config.cluster(), config.dataDir(),
                config.pluginsDir(), config.duplicateLogin(), config.relay(), config.antiBot())).isEqualTo(defaults(Path.of("conf")));
    }
}

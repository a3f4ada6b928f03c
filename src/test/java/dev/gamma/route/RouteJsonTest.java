package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RouteJsonTest {
    /** A route object exactly as earlier releases wrote it to the cluster map and to data-dir/routes.json. */
    static final String EARLIER_RELEASE = """
            {"host":["lobby.example.com","*.lobby.example.com"],"backends":["10.0.0.1:25565","[fd00::2]:25566"],\
            "strategy":"least-connections","proxy-protocol":"v2","forwarding":"bungeecord",\
            "rewrite-host":"internal.lobby","max-players":100,"status":{"cache-ttl":"120000ms",\
            "fallback":{"motd":"Down","version":"1.21","favicon":"","online":1,"max":20}},\
            "messages":{"backend-down":"Back soon"},"handlers":["chat-log"],"inspect":true,\
            "forwarding-client-uuid":true}""";

    @Property(tries = 500)
    void everyValidRouteSurvivesEncodeThenDecode(@ForAll("routes") Route route) {
        JsonObject encoded = RouteJson.encode(route);

        assertThat(RouteJson.decode(encoded)).isEqualTo(route);
        assertThat(RouteJson.decode(encoded.encode())).isEqualTo(route);
    }

    @Test
    void theFormatOfEarlierReleasesIsReadAndWrittenBackUnchanged() {
        Route route = RouteJson.decode(EARLIER_RELEASE);

        assertThat(route.name()).isEqualTo("lobby.example.com");
        assertThat(route.backends()).containsExactly(new Backend("10.0.0.1", 25565), new Backend("fd00::2", 25566));
        assertThat(route.strategy()).isEqualTo(Strategy.LEAST_CONNECTIONS);
        assertThat(route.statusCacheTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(route.fallback()).isEqualTo(new FallbackStatus("Down", "1.21", "", 1, 20));
        assertThat(route.forwardingClientUuid()).isTrue();
        assertThat(RouteJson.encode(route)).isEqualTo(new JsonObject(EARLIER_RELEASE));
    }

    @Test
    void keysLeftOutTakeTheConfigFilesDefaults() {
        Route route = RouteJson.decode("{\"host\":[\"play.example.com\"],\"backends\":[\"127.0.0.1:25566\"]}");

        assertThat(route).isEqualTo(new Route("play.example.com", List.of("play.example.com"),
                List.of(new Backend("127.0.0.1", 25566)), Strategy.FIRST, "none", "", 0, Duration.ofSeconds(10),
                new FallbackStatus("Server is offline", "", "", 0, 0), "The server is not reachable right now",
                List.of(), false, "none", false, StatusPlayers.BACKEND));
    }

    @Test
    void statusPlayersAreWrittenOnlyWhenTheyChangeSomething() {
        Route plain = Routes.route("a.test", Routes.backend(1));
        Route network = Routes.withPlayers(plain, new StatusPlayers(true, 500, true));

        assertThat(RouteJson.encode(plain).getJsonObject("status").fieldNames()).containsOnly("cache-ttl", "fallback");
        assertThat(RouteJson.encode(network).getJsonObject("status").getMap())
                .containsEntry("players", "network").containsEntry("max", 500).containsEntry("sample", true);
        assertThat(RouteJson.decode(RouteJson.encode(network)).statusPlayers())
                .isEqualTo(new StatusPlayers(true, 500, true));
        assertThat(RouteJson.decode(RouteJson.encode(Routes.withPlayers(plain, new StatusPlayers(false, 0, false))))
                .statusPlayers().max()).as("max: 0 is a value, not the default").isZero();
    }

    @Test
    void malformedJsonGetsAnErrorSayingWhatAndWhere() {
        String valid = "{\"host\":[\"a.test\"],\"backends\":[\"127.0.0.1:1\"]";
        List<List<String>> cases = List.of(
                List.of("{\"host\":", "not a JSON object"),
                List.of("[1,2]", "not a JSON object"),
                List.of("{\"backends\":[\"127.0.0.1:1\"]}", "host: must list at least one host"),
                List.of("{\"host\":\"a.test\",\"backends\":[\"127.0.0.1:1\"]}", "host: expected a list, got \"a.test\""),
                List.of("{\"host\":[\"A..test\"],\"backends\":[\"127.0.0.1:1\"]}", "host[0]: \"A..test\" is not"),
                List.of("{\"host\":[\"a.test\"]}", "backends: must list at least one backend"),
                List.of("{\"host\":[\"a.test\"],\"backends\":[\"nowhere\"]}", "backends[0]: \"nowhere\" is not host:port"),
                List.of("{\"host\":[\"a.test\"],\"backends\":[\"a:0\"]}", "backends[0]: \"a:0\" is not host:port"),
                List.of("{\"host\":[\"a.test\"],\"backends\":[7]}", "backends[0]: expected a string, got 7"),
                List.of(valid + ",\"strategy\":\"fastest\"}", "strategy: expected one of first, round-robin"),
                List.of(valid + ",\"proxy-protocol\":\"v3\"}", "proxy-protocol: expected one of none, v1, v2"),
                List.of(valid + ",\"forwarding-client-uuid\":true}",
                        "forwarding-client-uuid: applies only with forwarding: bungeecord"),
                List.of(valid + ",\"max-players\":-1}", "max-players: expected a whole number from 0"),
                List.of(valid + ",\"max-players\":1.5}", "max-players: expected a whole number from 0"),
                List.of(valid + ",\"max-players\":\"20\"}", "max-players: expected a whole number from 0"),
                List.of(valid + ",\"inspect\":\"yes\"}", "inspect: expected true or false"),
                List.of(valid + ",\"status\":{\"cache-ttl\":\"soon\"}}", "status.cache-ttl: \"soon\" is not a duration"),
                List.of(valid + ",\"status\":{\"fallback\":{\"favicon\":\"icons/server.png\"}}}",
                        "status.fallback.favicon: expected \"\" or a data:image/png;base64, URI"),
                List.of(valid + ",\"status\":{\"fallback\":{\"favicon\":\"data:image/png;base64,@@\"}}}",
                        "the data URI is not valid base64"),
                List.of(valid + ",\"status\":{\"fallback\":[]}}", "status.fallback: expected an object, got a list"),
                List.of(valid + ",\"status\":{\"players\":\"everyone\"}}",
                        "status.players: expected one of backend, network, got \"everyone\""),
                List.of(valid + ",\"status\":{\"max\":-1}}", "status.max: expected a whole number from 0"),
                List.of(valid + ",\"status\":{\"sample\":\"yes\"}}", "status.sample: expected true or false"),
                List.of(valid + ",\"messages\":{\"backend-gone\":\"x\"}}", "messages.backend-gone: unknown key"),
                List.of(valid + ",\"wake\":{}}", "wake: set exactly one of command, http and docker"),
                List.of(valid + ",\"health\":{\"fails\":0}}", "health: fails and passes must be >= 1"),
                List.of(valid + ",\"health\":{\"interval\":\"1s\",\"timeout\":\"1s\"}}",
                        "health: timeout must be shorter than interval"),
                List.of(valid + ",\"health\":{\"interval\":\"0s\"}}", "health: interval and timeout must be > 0"),
                List.of(valid + ",\"health\":{\"passes\":\"2\"}}", "health.passes: expected a whole number"),
                List.of(valid + ",\"health\":{\"retries\":2}}", "health.retries: unknown key"),
                List.of(valid + ",\"health\":true}", "health: expected an object"));
        for (List<String> c : cases) {
            assertThatThrownBy(() -> RouteJson.decode(c.get(0))).as(c.get(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.get(1));
        }
    }

    @Test
    void aFaviconPathIsRefusedAndNoFileIsRead() {
        // pom.xml is in the working directory: a decoder reading paths from there would find it
        JsonObject json = RouteJson.encode(Routes.route("a.test", Routes.backend(1)));
        json.getJsonObject("status").getJsonObject("fallback").put("favicon", "pom.xml");

        assertThatThrownBy(() -> RouteJson.decode(json)).hasMessageContaining("status.fallback.favicon");
    }

    @Test
    void aDurationFinerThanMillisecondsIsWrittenInSecondsAndKept() {
        Route route = Routes.withTtl(Routes.route("a.test", Routes.backend(1)), Duration.ofNanos(1_500_000_001));

        assertThat(RouteJson.encode(route).getJsonObject("status").getString("cache-ttl")).isEqualTo("1.500000001s");
        assertThat(RouteJson.decode(RouteJson.encode(route)).statusCacheTtl()).isEqualTo(route.statusCacheTtl());
    }

    @Provide
    Arbitrary<Route> routes() {
        Arbitrary<List<String>> hosts = host().list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        Arbitrary<List<Backend>> backends = backend().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<Integer> count = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<FallbackStatus> fallback = Combinators.combine(text, text, favicon(), count, count)
                .as(FallbackStatus::new);
        Arbitrary<Duration> ttl = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 100_000_000_000L).map(Duration::ofMillis),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(Duration::ofNanos));
        Arbitrary<List<String>> handlers = Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1)
                .ofMaxLength(12).list().ofMaxSize(3);
        Arbitrary<String> forwarding = Arbitraries.of("none", "bungeecord");
        Arbitrary<String> rewriteHost = Arbitraries.oneOf(Arbitraries.just(""), host().filter(h -> !h.startsWith("*")));
        return Combinators.combine(hosts, backends, Arbitraries.of(Strategy.class), Arbitraries.of("none", "v1", "v2"),
                        rewriteHost, count, ttl, fallback)
                .flatAs((h, b, strategy, proxy, rewrite, max, t, f) -> Combinators.combine(
                                text, handlers, Arbitraries.of(true, false), forwarding, Arbitraries.of(true, false),
                                statusPlayers())
                        .as((down, hs, inspect, fw, uuid, players) -> new Route(h.get(0), h, b, strategy, proxy,
                                rewrite, max, t, f, down, hs, inspect, fw, uuid && fw.equals("bungeecord"), players)))
                .flatMap(route -> health().injectNull(0.5).map(check -> withHealth(route, check)))
                .flatMap(route -> maintenance().map(route::withMaintenance));
    }

    private static Arbitrary<Maintenance> maintenance() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<List<String>> names = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(16)
                .list().ofMaxSize(5);
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Arbitraries.oneOf(Arbitraries.just(Maintenance.OFF),
                Combinators.combine(flag, text, text, names, flag).as(Maintenance::new));
    }

    private static Arbitrary<StatusPlayers> statusPlayers() {
        Arbitrary<Integer> max = Arbitraries.oneOf(Arbitraries.just(StatusPlayers.BACKEND_MAX),
                Arbitraries.integers().between(0, Integer.MAX_VALUE));
        return Combinators.combine(Arbitraries.of(true, false), max, Arbitraries.of(true, false)).as(StatusPlayers::new);
    }

    private static Arbitrary<HealthCheck> health() {
        Arbitrary<Long> millis = Arbitraries.longs().between(1, 600_000);
        Arbitrary<Integer> row = Arbitraries.integers().between(1, 1000);
        return Combinators.combine(millis, millis, row, row).as((a, b, fails, passes) -> new HealthCheck(
                Duration.ofMillis(Math.max(a, b) + 1), Duration.ofMillis(Math.min(a, b)), fails, passes));
    }

    private static Route withHealth(Route r, HealthCheck check) {
        return new Route(r.name(), r.hosts(), r.backends(), r.strategy(), r.proxyProtocol(), r.rewriteHost(),
                r.maxPlayers(), r.statusCacheTtl(), r.fallback(), r.backendDownMessage(), r.handlers(), r.inspect(),
                r.forwarding(), r.forwardingClientUuid(), r.statusPlayers(), check);
    }

    private static Arbitrary<String> host() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_")
                .ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
        return Arbitraries.oneOf(name, name.map(n -> "*." + n), Arbitraries.just("*"));
    }

    private static Arbitrary<Backend> backend() {
        Arbitrary<String> host = Arbitraries.oneOf(host().filter(h -> !h.startsWith("*")),
                Arbitraries.of("fd00::2", "::1", "10.0.0.1", "2001:db8::1"));
        return Combinators.combine(host, Arbitraries.integers().between(1, 65535)).as(Backend::new);
    }

    private static Arbitrary<String> favicon() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(png -> RouteJson.FAVICON_PREFIX + Base64.getEncoder().encodeToString(png)));
    }
}

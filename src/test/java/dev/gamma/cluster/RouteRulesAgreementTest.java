package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.ConfigException;
import dev.gamma.config.RouteConfig;
import dev.gamma.config.RouteParser;
import dev.gamma.route.Route;
import dev.gamma.route.RouteJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The file's route rules ({@code config.RouteReader}) and the shared table's ({@link RouteJson}) are written twice.
 * Every route the file accepts must come back unchanged from the codec, or the other nodes would refuse (or read
 * otherwise) a node's file route. Values are drawn at the rules' edges: durations of 9 digits and 9 decimals, counts
 * at {@code Integer.MAX_VALUE}, favicons around 20 KiB, maintenance texts around their bounds. Hosts have
 * {@code config.HostRulesAgreementTest}; {@code wake}, which only the file may set, is not drawn.
 */
class RouteRulesAgreementTest {
    private static final Path NO_FILES = Path.of("/nonexistent-gamma-config-dir");

    @Property(tries = 2_000)
    void everyRouteTheFileAcceptsIsReadBackUnchangedFromTheSharedTable(@ForAll("routeObjects") JsonObject object) {
        Optional<RouteConfig> accepted = fileAccepts(object);
        Statistics.collect(accepted.isPresent() ? "accepted" : "refused");
        Statistics.coverage(check -> check.check("accepted").percentage(p -> p > 20));
        accepted.ifPresent(config -> {
            Route route = ConfiguredRoutes.route(config);
            assertThat(RouteJson.decode(RouteJson.encode(route).encode())).isEqualTo(route);
        });
    }

    /** Defaults are written twice as well: a key either side forgot to default would differ here. */
    @Example
    void keysLeftOutTakeTheSameDefaultsOnBothSides() {
        JsonObject minimal = new JsonObject().put("backends", new JsonArray().add("127.0.0.1:25566"));
        JsonObject emptySections = minimal.copy().put("status", new JsonObject().put("fallback", new JsonObject()))
                .put("messages", new JsonObject()).put("health", new JsonObject())
                .put("maintenance", new JsonObject()).put("access", new JsonObject());
        for (JsonObject object : new JsonObject[] {minimal, emptySections}) {
            Route fromTheFile = ConfiguredRoutes.route(fileAccepts(object).orElseThrow());
            Route fromTheTable = RouteJson.decode(object.copy().put("host", new JsonArray().add("play.example.com")));
            assertThat(fromTheTable).as(object.encode()).isEqualTo(fromTheFile);
        }
    }

    /** The route the file's rules make of {@code object}; empty when they refuse it (the codec may be laxer). */
    private static Optional<RouteConfig> fileAccepts(JsonObject object) {
        try {
            return Optional.of(RouteParser.parse("play.example.com", object, NO_FILES));
        } catch (ConfigException refused) {
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<JsonObject> routeObjects() {
        Arbitrary<JsonObject> first = keys(
                Tuple.of("backends", backends()),
                Tuple.of("strategy", mostly(Arbitraries.of("first", "round-robin", "random", "least-connections"),
                        Arbitraries.just("fastest"))),
                Tuple.of("proxy-protocol", Arbitraries.of("none", "v1", "v2")),
                Tuple.of("forwarding", Arbitraries.of("none", "bungeecord")),
                Tuple.of("forwarding-client-uuid", mostly(Arbitraries.just(false), Arbitraries.just(true))),
                Tuple.of("rewrite-host", mostly(Arbitraries.of("", "internal.lobby", "a_b.example"),
                        Arbitraries.of("*.lobby", "a..b", "A.B"))),
                Tuple.of("max-players", count()),
                Tuple.of("handlers", mostly(Arbitraries.of("chat-log", "x", "a b"), Arbitraries.just(""))
                        .list().ofMaxSize(3).map(JsonArray::new)),
                Tuple.of("inspect", Arbitraries.of(true, false)));
        Arbitrary<JsonObject> rest = keys(
                Tuple.of("status", status()),
                Tuple.of("messages", keys(Tuple.of("backend-down", text(300)))),
                Tuple.of("health", keys(Tuple.of("interval", duration()), Tuple.of("timeout", duration()),
                        Tuple.of("fails", count()), Tuple.of("passes", count()))),
                Tuple.of("maintenance", keys(Tuple.of("enabled", Arbitraries.of(true, false)),
                        Tuple.of("motd", text(260)), Tuple.of("message", text(1_030)),
                        Tuple.of("allow", mostly(Arbitraries.of("Steve", "a", "sixteen_chars_ab"),
                                Arbitraries.of("seventeen_chars_a", "x y")).list().ofMaxSize(3).map(JsonArray::new)),
                        Tuple.of("kick-current", Arbitraries.of(true, false)))),
                Tuple.of("access", keys(Tuple.of("allow", cidrs()), Tuple.of("deny", cidrs()))));
        return Combinators.combine(first, rest).as((a, b) -> a.mergeIn(b).put("backends",
                a.getValue("backends", new JsonArray().add("127.0.0.1:25565"))));
    }

    private static Arbitrary<JsonObject> status() {
        return keys(Tuple.of("cache-ttl", duration()),
                Tuple.of("fallback", keys(Tuple.of("motd", text(80)), Tuple.of("version", text(40)),
                        Tuple.of("favicon", favicon()), Tuple.of("online", count()), Tuple.of("max", count()))),
                Tuple.of("players", mostly(Arbitraries.of("backend", "network"), Arbitraries.just("nobody"))),
                Tuple.of("max", count()), Tuple.of("sample", Arbitraries.of(true, false)));
    }

    /** Nineteen times in twenty a value the file accepts, else one it refuses. */
    private static <T> Arbitrary<T> mostly(Arbitrary<? extends T> accepted, Arbitrary<? extends T> refused) {
        return Arbitraries.frequencyOf(Tuple.of(19, accepted), Tuple.of(1, refused));
    }

    /** An object holding each of {@code keys} or not, at random. */
    @SafeVarargs
    private static Arbitrary<JsonObject> keys(Tuple.Tuple2<String, Arbitrary<?>>... keys) {
        Arbitrary<JsonObject> object = Arbitraries.create(JsonObject::new);
        for (Tuple.Tuple2<String, Arbitrary<?>> key : keys) {
            Arbitrary<Optional<Object>> value = key.get2().map(v -> Optional.<Object>of(v)).injectNull(0.4)
                    .map(v -> v == null ? Optional.empty() : v);
            object = Combinators.combine(object, value).as((json, v) -> {
                v.ifPresent(present -> json.put(key.get1(), present));
                return json;
            });
        }
        return object;
    }

    private static Arbitrary<JsonArray> backends() {
        return mostly(Arbitraries.of("127.0.0.1:25565", "[::1]:65535", "[fd00::2]:1", "lobby-1.internal:25566",
                        "localhost:25565"),
                Arbitraries.of("lobby_1.internal:25566", "10.0.0.1:0", "10.0.0.1", "host:65536"))
                .list().ofMinSize(1).ofMaxSize(3).map(JsonArray::new);
    }

    private static Arbitrary<Object> count() {
        return mostly(Arbitraries.oneOf(Arbitraries.of(0, 1, 20, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 100_000)), Arbitraries.of(-1, 2_147_483_648L, 4_000_000_000L));
    }

    private static Arbitrary<String> text(int around) {
        Arbitrary<String> unicode = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> edge = Arbitraries.integers().between(around - 10, around)
                .map(length -> "§a".repeat(length).substring(0, length));
        return Arbitraries.oneOf(unicode, edge,
                Arbitraries.of("", "A \"quoted\" line\nand another", "\u00e9\u4e2d😀"));
    }

    /** Mostly what operators write, and texts at the edges of both parsers' number patterns. */
    private static Arbitrary<String> duration() {
        Arbitrary<String> digits = mostly(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9),
                Arbitraries.strings().numeric().ofLength(10));
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9).map(f -> "." + f));
        Arbitrary<String> unit = mostly(Arbitraries.of("", "ms", "s", "m", "h"), Arbitraries.of("d", " s"));
        Arbitrary<String> composed = Combinators.combine(digits, fraction, unit).as((d, f, u) -> d + f + u);
        return Arbitraries.oneOf(composed, Arbitraries.of("500ms", "5s", "2m", "1h", "0.000000001s", "999999999ms",
                "2562047h", "2562048h", "-1s", " 5s ", "1e3s", ""));
    }

    private static Arbitrary<String> favicon() {
        Arbitrary<String> png = Combinators.combine(mostly(Arbitraries.just(64), Arbitraries.of(63, 65)),
                        Arbitraries.oneOf(Arbitraries.integers().between(24, 2_000),
                                Arbitraries.integers().between(20 * 1024 - 2, 20 * 1024 + 2)))
                .as((side, size) -> Base64.getEncoder().encodeToString(fakePng(side, size)));
        return mostly(Arbitraries.oneOf(Arbitraries.just(""), png.map(b64 -> RouteJson.FAVICON_PREFIX + b64),
                        png.map(b64 -> RouteJson.FAVICON_PREFIX + b64.replaceAll("(.{76})", "$1\r\n"))),
                Arbitraries.of("data:image/png;base64,!!", "data:image/gif;base64,R0lG", "icons/server.png"));
    }

    /** What the file checks of a PNG: its signature, its header's width and height, and its size. */
    private static byte[] fakePng(int side, int size) {
        ByteBuffer png = ByteBuffer.allocate(size);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        png.putInt(side).putInt(side);
        return png.array();
    }

    private static Arbitrary<JsonArray> cidrs() {
        return mostly(Arbitraries.of("10.0.0.0/8", "192.168.1.7", "::1", "2001:db8::/32", "0.0.0.0/0",
                        "::ffff:10.0.0.1"), Arbitraries.of("10.0.0.1/33", "fe80::1%eth0", "not-an-address"))
                .list().ofMaxSize(3).map(JsonArray::new);
    }
}

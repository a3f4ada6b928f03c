package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StatusRewriterTest {
    private static final String BACKEND = """
            {"version":{"name":"Paper 1.21.4","protocol":769},\
            "players":{"max":100,"online":2,"sample":[{"name":"OnBackend","id":"%s"}]},\
            "description":{"text":"A server"},"favicon":"data:image/png;base64,AAAA"}\
            """.formatted(UUID.randomUUID());

    private final FakePlayers registry = new FakePlayers();
    private final StatusRewriter rewriter = new StatusRewriter(registry);

    @Test
    void theDefaultShowsTheBackendsAnswerUntouched() {
        Route route = Routes.route("play.test", Routes.backend(1));
        registry.online("play.test", 40);

        assertThat(rewriter.answer(route, new StatusBody(BACKEND), 769)).isSameAs(BACKEND);
        assertThat(rewriter.answer(route, new StatusBody("not json"), 769)).isEqualTo("not json");
    }

    @Test
    void networkShowsTheRoutesCountAndNoBackendNamesAndKeepsTheRest() {
        Route route = route(new StatusPlayers(true, StatusPlayers.BACKEND_MAX, false));
        registry.online("play.test", 1234);

        JsonObject shown = new JsonObject(rewriter.answer(route, new StatusBody(BACKEND), 769));

        assertThat(shown.getJsonObject("players")).isEqualTo(new JsonObject()
                .put("max", 100).put("online", 1234).put("sample", new JsonArray()));
        JsonObject rest = new JsonObject(BACKEND);
        rest.remove("players");
        shown.remove("players");
        assertThat(shown).isEqualTo(rest);
    }

    @Test
    void maxAloneKeepsTheBackendsCountAndSample() {
        Route route = route(new StatusPlayers(false, 500, false));

        JsonObject players = players(rewriter.answer(route, new StatusBody(BACKEND), 769));

        assertThat(players.getInteger("max")).isEqualTo(500);
        assertThat(players.getInteger("online")).isEqualTo(2);
        assertThat(players.getJsonArray("sample").getJsonObject(0).getString("name")).isEqualTo("OnBackend");
    }

    @Test
    void aCachedAnswerShowsTheCountOfEachPing() {
        Route route = route(new StatusPlayers(true, 0, false));
        StatusBody cached = new StatusBody(BACKEND);

        registry.online("play.test", 3);
        assertThat(players(rewriter.answer(route, cached, 769)).getInteger("online")).isEqualTo(3);
        registry.online("play.test", 4);
        assertThat(players(rewriter.answer(route, cached, 769)).getInteger("online")).isEqualTo(4);
        assertThat(StatusJson.toLegacy(rewriter.answer(route, cached, 47)).online()).isEqualTo(4);
        assertThat(StatusJson.toLegacy(rewriter.answer(route, cached, 47)).max()).isZero();
    }

    @Test
    void sampleListsValidNamesWithReadableIdsAsJsonTheClientCanParse() {
        Route route = route(new StatusPlayers(true, StatusPlayers.BACKEND_MAX, true));
        String hostile = "a\"},{\"x\\";
        String uuid = UUID.randomUUID().toString().toUpperCase();
        registry.players("play.test", List.of(
                new RoutePlayers.Listed(hostile, ""),
                new RoutePlayers.Listed("Steve", uuid),
                new RoutePlayers.Listed("§cRestarting", UUID.randomUUID().toString()),
                new RoutePlayers.Listed("", UUID.randomUUID().toString()),
                new RoutePlayers.Listed("line\nbreak", UUID.randomUUID().toString()),
                new RoutePlayers.Listed("MuchTooLongAName17", UUID.randomUUID().toString()),
                new RoutePlayers.Listed("Alex", "not-a-uuid\"}")));

        JsonArray sample = players(rewriter.answer(route, new StatusBody(BACKEND), 769)).getJsonArray("sample");

        assertThat(sample).containsExactly(
                new JsonObject().put("name", hostile).put("id", offline(hostile)),
                new JsonObject().put("name", "Steve").put("id", uuid.toLowerCase()),
                new JsonObject().put("name", "Alex").put("id", offline("Alex")));
    }

    @Test
    void theSampleHasAtMostTwelveNames() {
        Route route = route(new StatusPlayers(true, StatusPlayers.BACKEND_MAX, true));
        List<RoutePlayers.Listed> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new RoutePlayers.Listed("P" + i, ""));
        }
        registry.players("play.test", many);

        JsonObject players = players(rewriter.answer(route, new StatusBody(BACKEND), 769));

        assertThat(players.getJsonArray("sample")).hasSize(StatusPlayers.SAMPLE_SIZE);
        assertThat(players.getInteger("online")).isEqualTo(40);
    }

    @Test
    void aBackendAnswerThatIsNoStatusObjectGetsTheFallbackWithTheCount() {
        Route route = route(new StatusPlayers(true, 50, false));
        registry.online("play.test", 7);
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        for (String hostile : List.of("[1,2]", "\"text\"", "null", "42", "{\"players\":", "", "{\"a\":1}}", deep)) {
            JsonObject shown = new JsonObject(rewriter.answer(route, new StatusBody(hostile), 769));

            assertThat(shown.getJsonObject("players").getMap())
                    .containsEntry("online", 7).containsEntry("max", 50);
            assertThat(shown.getJsonObject("description").getString("text")).as(hostile.substring(0, Math.min(20,
                    hostile.length()))).isEqualTo("Server is offline");
        }
    }

    @Test
    void aBackendPlayersObjectOfTheWrongShapeIsReplacedWhole() {
        Route route = route(new StatusPlayers(true, StatusPlayers.BACKEND_MAX, false));
        registry.online("play.test", 5);
        List<String> answers = List.of(
                "{}",
                "{\"players\":5,\"description\":\"x\"}",
                "{\"players\":{\"online\":\"many\",\"max\":[1],\"sample\":\"§kname\"}}",
                "{\"players\":{\"online\":1},\"players\":{\"online\":2,\"extra\":true},\"x\":{\"players\":1}}");
        for (String answer : answers) {
            String shown = rewriter.answer(route, new StatusBody(answer), 769);
            JsonObject status = new JsonObject(shown);

            assertThat(status.getJsonObject("players")).as(answer).isEqualTo(new JsonObject()
                    .put("max", 0).put("online", 5).put("sample", new JsonArray()));
            assertThat(shown.split("\"players\":", -1)).as("one players key at the top: " + shown).hasSizeLessThanOrEqualTo(3);
        }
        assertThat(new JsonObject(rewriter.answer(route, new StatusBody(answers.get(3)), 769)).getJsonObject("x"))
                .isEqualTo(new JsonObject().put("players", 1));
    }

    @Test
    void theFallbackShowsTheNetworkCountTheMaxAndTheNames() {
        Route route = route(new StatusPlayers(true, 300, true));
        registry.players("play.test", List.of(new RoutePlayers.Listed("Steve", "")));

        JsonObject shown = new JsonObject(rewriter.fallback(route, 769));

        assertThat(shown.getJsonObject("description").getString("text")).isEqualTo("Server is offline");
        assertThat(shown.getJsonObject("players").getInteger("online")).isEqualTo(1);
        assertThat(shown.getJsonObject("players").getInteger("max")).isEqualTo(300);
        assertThat(shown.getJsonObject("players").getJsonArray("sample").getJsonObject(0).getString("name"))
                .isEqualTo("Steve");
        assertThat(rewriter.fallback(Routes.route("play.test", Routes.backend(1)), 769))
                .isEqualTo(StatusJson.of(route.fallback(), 769));
    }

    @Property(tries = 300)
    void anyBackendObjectKeepsItsOtherKeysAndGetsTheNetworkCount(@ForAll("statuses") JsonObject backend,
            @ForAll("names") List<String> names) {
        Route route = route(new StatusPlayers(true, 20, true));
        registry.players("play.test", names.stream().map(n -> new RoutePlayers.Listed(n, "")).toList());

        JsonObject shown = new JsonObject(rewriter.answer(route, new StatusBody(backend.encode()), 769));

        JsonObject players = shown.getJsonObject("players");
        assertThat(players.getInteger("online")).isEqualTo(names.size());
        assertThat(players.getInteger("max")).isEqualTo(20);
        assertThat(players.getJsonArray("sample").stream().map(p -> ((JsonObject) p).getString("name")))
                .allMatch(names::contains)
                .hasSize((int) Math.min(12, names.stream().limit(24).filter(StatusRewriterTest::valid).count()));
        shown.remove("players");
        JsonObject rest = backend.copy();
        rest.remove("players");
        assertThat(shown).isEqualTo(rest);
    }

    @Provide
    Arbitrary<JsonObject> statuses() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(20);
        Arbitrary<Object> value = Arbitraries.oneOf(text.map(t -> (Object) t), Arbitraries.integers().map(i -> (Object) i),
                text.map(t -> (Object) new JsonObject().put("text", t)), Arbitraries.just(new JsonArray()));
        return Combinators.combine(Arbitraries.maps(Arbitraries.oneOf(text, Arbitraries.of("players", "version",
                "description")), value).ofMaxSize(6), Arbitraries.of(true, false)).as((map, withPlayers) -> {
                    JsonObject json = new JsonObject(new java.util.LinkedHashMap<>(map));
                    return withPlayers ? json.put("players", new JsonObject().put("online", 99)) : json;
                });
    }

    @Provide
    Arbitrary<List<String>> names() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(16),
                Arbitraries.strings().all().ofMaxLength(20));
        return name.list().ofMaxSize(20).uniqueElements();
    }

    private static boolean valid(String name) {
        return !name.isEmpty() && name.length() <= 16 && name.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    private static Route route(StatusPlayers players) {
        return Routes.withPlayers(Routes.route("play.test", Routes.backend(1)), players);
    }

    private static JsonObject players(String status) {
        return new JsonObject(status).getJsonObject("players");
    }

    private static String offline(String name) {
        return UUID.nameUUIDFromBytes(("OfflinePlayer:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A registry mirror: a count and the players a sample may list, per route. */
    private static final class FakePlayers implements RoutePlayers {
        private final Map<String, Integer> online = new ConcurrentHashMap<>();
        private final Map<String, List<Listed>> listed = new ConcurrentHashMap<>();

        void online(String route, int count) {
            online.put(route, count);
        }

        void players(String route, List<Listed> players) {
            listed.put(route, players);
            online.put(route, players.size());
        }

        @Override
        public int online(String route) {
            return online.getOrDefault(route, 0);
        }

        @Override
        public List<Listed> sample(String route, int limit) {
            return listed.getOrDefault(route, List.of()).stream().limit(limit).toList();
        }
    }
}

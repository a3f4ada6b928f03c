package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.gamma.cli.LiveNode;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Player names at login, with real clients: a name a vanilla server refuses gets a Login Disconnect with the
 * reason before any backend sees it; {@code .} and {@code ..}, valid to vanilla but no URL path segment, log in
 * and are kicked through the admin API by session id.
 */
class OddNamesTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final String TOKEN = "odd-names";
    private static BackendPeer backend;
    private static LiveNode node;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        node = LiveNode.start("""
                routes:
                  - host: framed.test
                    backend: 127.0.0.1:%d
                    inspect: true
                """.formatted(backend.port()), TOKEN);
        admin = new AdminClient(URI.create(node.api()).getPort(), TOKEN);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    static Stream<Arguments> refusedNames() {
        return Stream.of(
                arguments("a b", "Invalid characters in username: only ASCII letters, digits and symbols are allowed,"
                        + " not U+0020", "user=a\\u0020b "), // a space would end the log field
                arguments("\u00e9", "Invalid characters in username: only ASCII letters, digits and symbols are"
                        + " allowed, not U+00E9", "user=\u00e9 "),
                arguments("Seventeen_Chars_X", "Invalid username: it has 17 characters, at most 16 are allowed",
                        "user=Seventeen_Chars_X "),
                arguments("", "Invalid username: it is empty", "user= "),
                arguments("forged\nline", "Invalid characters in username: only ASCII letters, digits and symbols"
                        + " are allowed, not U+000A", "user=forged\\u000aline "));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("refusedNames")
    void aNameVanillaRefusesGetsTheReasonAndOneLogLine(String name, String reason, String logged) {
        String series = "gamma_connections_total{outcome=\"invalid-name\",route=\"framed.test\"}";
        double before = Math.max(0, MetricsTest.value(node.node().scrapeMetrics(), series));
        try (ConnectionLogs logs = new ConnectionLogs()) {
            int mark = logs.mark();
            try (ClientPeer client = client(name)) {
                JsonObject kicked = client.await("kicked", WAIT);
                assertThat(kicked.getString("reason")).isEqualTo(reason);
                assertThat(kicked.getString("state")).isEqualTo("login");
                client.await("end", WAIT);
            }
            String line = logs.awaitLine(mark, WAIT, "the invalid-name line", l -> l.startsWith("invalid-name "));
            assertThat(line).contains("route=framed.test", "backend=-", logged, "(" + reason + ")");
            assertThat(logs.linesSince(mark)).filteredOn(l -> l.startsWith("invalid-name ")).hasSize(1);
            assertThat(logs.stackTracesAndErrors()).isEmpty();
        }
        assertThat(MetricsTest.value(node.node().scrapeMetrics(), series)).isEqualTo(before + 1);
        assertThat(backend.events()).noneMatch(e -> "login".equals(e.getString("event"))
                && name.equals(e.getString("username")));
    }

    @Test
    void playersNamedDotAndDotDotLogInAndAreKickedBySessionId() {
        try (ClientPeer dot = client(".");
                ClientPeer dotDot = client("..")) {
            dot.await("login", WAIT);
            dotDot.await("login", WAIT);
            String dotId = sessionId(".");
            String dotDotId = sessionId("..");
            assertThat(dotId).isNotEqualTo(dotDotId);

            AdminClient.Reply kicked = admin.post("/api/sessions/" + dotDotId + "/kick",
                    new JsonObject().put("reason", "Two dots, kicked by id"));
            assertThat(kicked.status()).as(kicked.body()).isEqualTo(200);
            assertThat(kicked.object()).isEqualTo(new JsonObject().put("kicked", 1));
            assertThat(dotDot.await("kicked", WAIT).getString("reason")).isEqualTo("Two dots, kicked by id");

            assertThat(admin.post("/api/sessions/" + dotId + "/kick", new JsonObject().put("reason", "One dot"))
                    .object().getInteger("kicked")).isEqualTo(1);
            assertThat(dot.await("kicked", WAIT).getString("reason")).isEqualTo("One dot");
            Await.until(WAIT, "both sessions gone", () -> admin.get("/api/players").array().isEmpty());

            AdminClient.Reply again = admin.post("/api/sessions/" + dotId + "/kick", new JsonObject());
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.object().getString("error")).isEqualTo("session " + dotId + " is not online");
        }
    }

    private static String sessionId(String name) {
        String query = URLEncoder.encode(name, StandardCharsets.UTF_8);
        return Await.value(WAIT, name + " listed", () -> admin.get("/api/players?name=" + query).array().stream()
                .map(JsonObject.class::cast).map(p -> p.getString("id")).findFirst().orElse(null));
    }

    private static ClientPeer client(String name) {
        return Peers.client(ClientOptions.of(node.proxyPort(), "1.21.4").withFakeHost("framed.test")
                .withUsername(name));
    }
}

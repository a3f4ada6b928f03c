package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Await;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin API of a running node with a token, fed what scanners and careless scripts send: every call is
 * refused with a 4xx and a JSON {@code {error}} that says why, nothing is changed, and afterwards the node
 * answers {@code /health}, takes a legitimate route and routes players with it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiAbuseTest {
    private static final String TOKEN = "s3cret-token";
    private static final String ROUTE = "{\"backend\":\"127.0.0.1:25566\"}";
    private static final int TWO_MIB = 2 * 1024 * 1024;

    private static GammaFixture gamma;
    private static int adminPort;
    private static ConnectionLogs logs;

    /** One abusive call and the refusal it must get. */
    record Abuse(String name, String method, String target, Map<String, String> headers, byte[] body, int status,
            String error) {
        static Abuse call(String name, String method, String target) {
            return new Abuse(name, method, target, Map.of("Authorization", "Bearer " + TOKEN), null, 0, "");
        }

        Abuse header(String header, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new Abuse(name, method, target, more, body, status, error);
        }

        Abuse authorization(String value) {
            return value == null ? withoutHeader("Authorization") : header("Authorization", value);
        }

        Abuse body(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8));
        }

        Abuse body(byte[] bytes) {
            return new Abuse(name, method, target, headers, bytes, status, error)
                    .header("Content-Type", "application/json");
        }

        Abuse refused(int expectedStatus, String errorPart) {
            return new Abuse(name, method, target, headers, body, expectedStatus, errorPart);
        }

        private Abuse withoutHeader(String header) {
            Map<String, String> fewer = new LinkedHashMap<>(headers);
            fewer.remove(header);
            return new Abuse(name, method, target, fewer, body, status, error);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        logs = new ConnectionLogs();
        gamma = GammaFixture.start("""
                admin: {bind: "127.0.0.1:%d", token: %s}
                routes:
                  - host: real.test
                    backend: 127.0.0.1:%d
                """.formatted(GammaFixture.freePort(), TOKEN, GammaFixture.freePort()));
        var node = gamma.node();
        adminPort = gamma.adminPort();
    }

    @AfterAll
    static void stop() {
        if (gamma != null) {
            gamma.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    static Stream<Abuse> abuses() {
        String longHost = "a".repeat(300) + ".test";
        return Stream.of(
                Abuse.call("no Authorization header", "GET", "/api/routes").authorization(null)
                        .refused(401, "missing token"),
                Abuse.call("a wrong token", "GET", "/api/routes").authorization("Bearer nope")
                        .refused(401, "wrong token"),
                Abuse.call("the token with one more character", "GET", "/api/routes").authorization("Bearer " + TOKEN + "x")
                        .refused(401, "wrong token"),
                Abuse.call("Basic instead of Bearer", "GET", "/api/routes").authorization("Basic czNjcmV0LXRva2Vu")
                        .refused(401, "missing token"),
                Abuse.call("Bearer without a token", "GET", "/api/routes").authorization("Bearer")
                        .refused(401, "missing token"),
                Abuse.call("the token in the query string", "GET", "/api/routes?token=" + TOKEN).authorization(null)
                        .refused(401, "missing token"),
                Abuse.call("no token on a route delete", "DELETE", "/api/routes/real.test").authorization(null)
                        .refused(401, "missing token"),
                Abuse.call("no token on a kick", "POST", "/api/players/Steve/kick").authorization(null).body("{}")
                        .refused(401, "missing token"),
                Abuse.call("a path that dot-segments into the API", "GET", "/health/../api/routes").authorization(null)
                        .refused(401, "missing token"),
                Abuse.call("escaped dot segments into the API", "GET", "/dashboard/%2e%2e/api/routes")
                        .authorization(null).refused(401, "missing token"),
                Abuse.call("a double slash before the API", "GET", "//api/routes").authorization(null)
                        .refused(401, "missing token"),
                Abuse.call("an Authorization header of 9 KiB", "GET", "/api/routes")
                        .authorization("Bearer " + "a".repeat(9 * 1024)).refused(431, "request header too large"),

                Abuse.call("an unknown route", "GET", "/api/routes/nope.test").refused(404, "no route for host nope.test"),
                Abuse.call("deleting an unknown route", "DELETE", "/api/routes/nope.test")
                        .refused(404, "no route for host nope.test"),
                Abuse.call("an unknown API path", "GET", "/api/nothing").refused(404, "not found: GET /api/nothing"),
                Abuse.call("an unknown page", "GET", "/wp-login.php").authorization(null)
                        .refused(404, "not found: GET /wp-login.php"),
                Abuse.call("a player who is not online", "GET", "/api/players/Nobody")
                        .refused(404, "player Nobody is not online"),
                Abuse.call("kicking a player who is not online", "POST", "/api/players/Nobody/kick").body("{}")
                        .refused(404, "player Nobody is not online"),

                Abuse.call("a route that is not JSON", "PUT", "/api/routes/new.test").body("{backend: ")
                        .refused(400, "malformed JSON"),
                Abuse.call("a route with a number for a backend", "PUT", "/api/routes/new.test").body("{\"backend\": 42}")
                        .refused(400, "invalid route"),
                Abuse.call("a route without a backend", "PUT", "/api/routes/new.test").body("{}")
                        .refused(400, "invalid route"),
                Abuse.call("a route that is an array", "PUT", "/api/routes/new.test").body("[\"127.0.0.1:25566\"]")
                        .refused(400, "the body must be a JSON object, got an array"),
                Abuse.call("a route that is null", "PUT", "/api/routes/new.test").body("null")
                        .refused(400, "the body must be a JSON object, got null"),
                Abuse.call("JSON nested 60,000 deep", "PUT", "/api/routes/new.test").body("[".repeat(60_000))
                        .refused(400, "malformed JSON"),
                Abuse.call("a body that is not UTF-8", "PUT", "/api/routes/new.test")
                        .body(new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}'}).refused(400, "malformed JSON"),
                Abuse.call("a broadcast that is not JSON", "POST", "/api/broadcast").body("hello everyone")
                        .refused(400, "malformed JSON"),
                Abuse.call("a broadcast whose message is a number", "POST", "/api/broadcast").body("{\"message\": 5}")
                        .refused(400, "message must be a string, got a number"),
                Abuse.call("a broadcast without a message", "POST", "/api/broadcast").body("{}")
                        .refused(400, "message is required"),
                Abuse.call("a broadcast of 300 characters", "POST", "/api/broadcast")
                        .body(new JsonObject().put("message", "x".repeat(300)).encode()).refused(400, "at most 256"),
                Abuse.call("a kick that is a form", "POST", "/api/players/Steve/kick").body("reason=bye")
                        .refused(400, "malformed JSON"),
                Abuse.call("a kick whose reason is an array", "POST", "/api/players/Steve/kick")
                        .body("{\"reason\": [\"bye\"]}").refused(400, "reason must be a string, got an array"),

                Abuse.call("a broadcast of 2 MiB", "POST", "/api/broadcast").body(new byte[TWO_MIB])
                        .refused(413, "request body too large (the limit is 64 KiB)"),
                Abuse.call("a route of 2 MiB", "PUT", "/api/routes/new.test").body(new byte[TWO_MIB])
                        .refused(413, "request body too large (the limit is 64 KiB)"),
                Abuse.call("2 MiB in chunks, without a length", "POST", "/api/broadcast").body(chunked(TWO_MIB))
                        .header("Transfer-Encoding", "chunked").refused(413, "request body too large"),

                Abuse.call("dot segments as a host", "GET", "/api/routes/..%2f..%2fetc%2fpasswd")
                        .refused(404, "no route for host ../../etc/passwd"),
                Abuse.call("storing a route under dot segments", "PUT", "/api/routes/..%2f..%2fetc").body(ROUTE)
                        .refused(400, "invalid route"),
                Abuse.call("a NUL in the host", "PUT", "/api/routes/evil%00.test").body(ROUTE)
                        .refused(400, "invalid route"),
                Abuse.call("a host of 305 characters", "PUT", "/api/routes/" + longHost).body(ROUTE)
                        .refused(400, "invalid route"),
                Abuse.call("escaped dots as a player", "GET", "/api/players/%2e%2e").refused(404, "not found"),
                Abuse.call("an undecodable escape", "GET", "/api/routes/%zz").refused(400, "bad request"),
                Abuse.call("dot segments out of the dashboard", "GET", "/dashboard/../../../../etc/passwd")
                        .authorization(null).refused(404, "not found"),
                Abuse.call("a request line of 10 KiB", "GET", "/api/routes/" + "a".repeat(10 * 1024))
                        .refused(414, "request line too long"),
                Abuse.call("a favicon read from /dev/zero", "PUT", "/api/routes/new.test")
                        .body("{\"backend\":\"127.0.0.1:25566\",\"status\":{\"fallback\":{\"favicon\":\"/dev/zero\"}}}")
                        .refused(400, "no PNG file by that name under the configuration directory"),
                Abuse.call("a favicon read from /etc/passwd", "PUT", "/api/routes/new.test")
                        .body("{\"backend\":\"127.0.0.1:25566\",\"status\":{\"fallback\":{\"favicon\":\"/etc/passwd\"}}}")
                        .refused(400, "no PNG file by that name under the configuration directory"),

                Abuse.call("DELETE on the player list", "DELETE", "/api/players").refused(405, "method not allowed"),
                Abuse.call("PATCH on a route", "PATCH", "/api/routes/real.test").body(ROUTE)
                        .refused(405, "method not allowed"),
                Abuse.call("TRACE", "TRACE", "/api/routes").refused(405, "method not allowed"),
                Abuse.call("a made-up method", "BREW", "/api/routes").refused(405, "method not allowed"),
                Abuse.call("two different Content-Lengths", "POST", "/api/broadcast").body("{\"message\":\"hi\"}")
                        .header("Content-Length", "3").refused(400, "malformed HTTP"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("abuses")
    void abuseIsRefusedWithAJsonReason(Abuse abuse) throws Exception {
        RawHttp.Response response = RawHttp.send(adminPort,
                RawHttp.request(abuse.method(), abuse.target(), abuse.headers(), abuse.body()));

        assertThat(response.status()).as(response.body()).isEqualTo(abuse.status());
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.json().getString("error")).isNotBlank();
        assertThat(response.body()).as("the error and its details").contains(abuse.error());
        if (response.status() == 401) {
            assertThat(response.header("www-authenticate")).isEqualTo("Bearer");
        }
        assertThat(logs.stackTracesAndErrors()).as("stack traces or errors logged").isEmpty();
    }

    @Order(2)
    @Test
    void afterwardsTheNodeIsUpUnchangedAndTakesALegitimateRoute() throws Exception {
        AdminClient client = new AdminClient(adminPort, TOKEN);
        assertThat(client.get("/health").status()).isEqualTo(200);
        assertThat(client.get("/api/routes").array().stream().map(r -> ((JsonObject) r).getString("host")))
                .as("nothing the abuse sent was stored, nothing was removed").containsExactly("real.test");

        int deadPort = GammaFixture.freePort();
        var put = client.put("/api/routes/legit.test", new JsonObject().put("backend", "127.0.0.1:" + deadPort)
                .put("messages", new JsonObject().put("backend-down", "Legit is down")));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        Await.until(Duration.ofSeconds(10), "the node routes legit.test", () -> gamma.node().crosstalk().routes().snapshot()
                .containsKey("legit.test"));
        try (RawClient player = RawClient.connect(gamma.port())) {
            player.sendLogin("legit.test", 769, "Legit");
            assertThat(player.readLoginDisconnect()).contains("Legit is down");
        }
    }

    /** {@code size} zero bytes as HTTP chunks of 64 KiB. */
    private static byte[] chunked(int size) {
        int chunk = 64 * 1024;
        byte[][] parts = new byte[size / chunk * 2 + 1][];
        for (int i = 0; i < size / chunk; i++) {
            parts[2 * i] = (Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] data = new byte[chunk + 2];
            data[chunk] = '\r';
            data[chunk + 1] = '\n';
            parts[2 * i + 1] = data;
        }
        parts[parts.length - 1] = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        return RawClient.concat(parts);
    }
}

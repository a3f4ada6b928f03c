package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.admin.AdminServer;
import dev.gamma.admin.AdminServices;
import dev.gamma.config.AdminConfig;
import dev.gamma.config.HostPort;
import dev.gamma.testkit.Await;
import java.nio.charset.StandardCharsets;
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
 * The default admin API (loopback, no token) against what a web page in the operator's browser can make it
 * send: forms and text/plain bodies, calls from another site, and DNS rebinding (another name resolving to
 * 127.0.0.1). Each is refused with a JSON error and changes nothing, while the node's own dashboard, curl, a
 * port forward, the names in {@code admin.allowed-hosts} and load balancers' probes keep working.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminCrossSiteTest {
    private static final String ROUTE = "{\"backend\":\"127.0.0.1:25566\"}";
    private static final String JSON = "application/json";
    private static final String STRONG_TOKEN = "a-token-of-at-least-32-characters";

    private static GammaFixture gamma;
    private static int port;

    /** One request as a browser, curl or a probe sends it, and the status (and error text) it must get. */
    record Call(String name, String method, String target, Map<String, String> headers, byte[] body, int status,
            String answer) {
        static Call of(String name, String method, String target) {
            return new Call(name, method, target, Map.of(), null, 0, "");
        }

        Call header(String header, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new Call(name, method, target, more, body, status, answer);
        }

        Call body(String contentType, String text) {
            Call withBody = new Call(name, method, target, headers, text.getBytes(StandardCharsets.UTF_8), status,
                    answer);
            return contentType == null ? withBody : withBody.header("Content-Type", contentType);
        }

        /** {@code Origin} and {@code Sec-Fetch-Site} as a browser sends them for a page at {@code origin}. */
        Call fromPage(String origin, String site) {
            return header("Origin", origin).header("Sec-Fetch-Site", site);
        }

        Call answers(int expectedStatus, String answerPart) {
            return new Call(name, method, target, headers, body, expectedStatus, answerPart);
        }

        RawHttp.Response send(int toPort) throws Exception {
            String ownHost = "127.0.0.1:" + toPort;
            Map<String, String> resolved = new LinkedHashMap<>();
            headers.forEach((k, v) -> resolved.put(k, v == null ? null : v.replace("{self}", ownHost)
                    .replace("{port}", Integer.toString(toPort))));
            return RawHttp.send(toPort, RawHttp.request(method, target, resolved, body));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        gamma = GammaFixture.start("""
                admin: {bind: "127.0.0.1:%d", allowed-hosts: [gamma.example.com, "proxy.example:8443"]}
                routes:
                  - host: real.test
                    backend: 127.0.0.1:%d
                """.formatted(GammaFixture.freePort(), GammaFixture.freePort()));
        port = gamma.adminPort();
    }

    @AfterAll
    static void stop() {
        if (gamma != null) {
            gamma.close();
        }
    }

    static Stream<Call> refused() {
        String pwned = "{\"message\":\"pwned\"}";
        return Stream.of(
                Call.of("a broadcast as text/plain, as a form with enctype=text/plain sends it", "POST",
                        "/api/broadcast").body("text/plain", pwned).answers(415, "must be application/json"),
                Call.of("a kick as a urlencoded form", "POST", "/api/players/Steve/kick")
                        .body("application/x-www-form-urlencoded", "reason=bye")
                        .answers(415, "must be application/json"),
                Call.of("a kick as a multipart form", "POST", "/api/players/Steve/kick")
                        .body("multipart/form-data; boundary=x", "--x--\r\n").answers(415, "must be application/json"),
                Call.of("a route as text/plain", "PUT", "/api/routes/evil.test").body("text/plain", ROUTE)
                        .answers(415, "must be application/json"),
                Call.of("a JSON body without a Content-Type", "POST", "/api/broadcast").body(null, pwned)
                        .answers(415, "a body needs Content-Type: application/json"),
                Call.of("JSON declared in another charset", "POST", "/api/broadcast")
                        .body(JSON + "; charset=iso-8859-1", pwned).answers(415, "must be application/json"),

                Call.of("a kick from another site's page", "POST", "/api/players/Steve/kick").body(JSON, "{}")
                        .fromPage("https://evil.example", "cross-site").answers(403, "request from another site"),
                Call.of("a broadcast from another site, Origin only (an older browser)", "POST", "/api/broadcast")
                        .body(JSON, pwned).header("Origin", "http://evil.example")
                        .answers(403, "Origin: http://evil.example"),
                Call.of("a broadcast from another site, Sec-Fetch-Site only", "POST", "/api/broadcast")
                        .body(JSON, pwned).header("Sec-Fetch-Site", "cross-site")
                        .answers(403, "Sec-Fetch-Site: cross-site"),
                Call.of("a page on another port of this machine", "POST", "/api/broadcast").body(JSON, pwned)
                        .header("Host", "{self}").fromPage("http://127.0.0.1:1", "same-site")
                        .answers(403, "request from another site"),
                Call.of("a sandboxed page or a file (Origin null)", "POST", "/api/broadcast").body(JSON, pwned)
                        .header("Origin", "null").answers(403, "request from another site"),
                Call.of("another site reading the player list", "GET", "/api/players")
                        .header("Sec-Fetch-Site", "cross-site").answers(403, "request from another site"),
                Call.of("another site's page reading /health", "GET", "/health")
                        .fromPage("http://evil.example", "cross-site").answers(403, "request from another site"),

                Call.of("DNS rebinding: reading the metrics", "GET", "/metrics")
                        .header("Host", "rebind.example:{port}").header("Sec-Fetch-Site", "same-origin")
                        .answers(403, "does not name this node"),
                Call.of("DNS rebinding: reading the player list", "GET", "/api/players")
                        .header("Host", "rebind.example:{port}").header("Sec-Fetch-Site", "same-origin")
                        .answers(403, "does not name this node"),
                Call.of("DNS rebinding: replacing a route", "PUT", "/api/routes/evil.test").body(JSON, ROUTE)
                        .header("Host", "rebind.example:{port}").fromPage("http://rebind.example:{port}", "same-origin")
                        .answers(403, "Host rebind.example:"),
                Call.of("DNS rebinding: the dashboard", "GET", "/").header("Host", "rebind.example")
                        .answers(403, "list it in admin.allowed-hosts"),
                Call.of("a listed name on a port it is not listed with", "GET", "/api/players")
                        .header("Host", "proxy.example:1").answers(403, "does not name this node"),
                Call.of("no Host header", "GET", "/api/players").header("Host", null)
                        .answers(400, "needs one Host header naming this node"),
                Call.of("a Host that is not a host", "GET", "/api/players").header("Host", "a b")
                        .answers(400, "needs one Host header naming this node"));
    }

    static Stream<Call> accepted() {
        String hello = "{\"message\":\"hello\"}";
        return Stream.of(
                Call.of("the dashboard's own broadcast, as Chromium sends it", "POST", "/api/broadcast")
                        .body(JSON, hello).header("Host", "{self}").fromPage("http://{self}", "same-origin")
                        .answers(200, "\"reached\":0"),
                Call.of("curl with JSON in UTF-8", "POST", "/api/broadcast").body(JSON + "; charset=utf-8", hello)
                        .answers(200, "\"reached\":0"),
                Call.of("a kick without a body (curl -X POST)", "POST", "/api/players/Steve/kick")
                        .answers(404, "player Steve is not online"),
                Call.of("a route from curl", "PUT", "/api/routes/curl.test").body(JSON, ROUTE)
                        .answers(201, "curl.test"),
                Call.of("localhost with the port", "GET", "/api/players").header("Host", "localhost:{port}")
                        .answers(200, "[]"),
                Call.of("IPv6 loopback with the port", "GET", "/api/players").header("Host", "[::1]:{port}")
                        .answers(200, "[]"),
                Call.of("a Host in capitals", "GET", "/api/players").header("Host", "LOCALHOST:{port}")
                        .answers(200, "[]"),
                Call.of("the dashboard through a port forward (ssh -L 9000:...)", "POST", "/api/broadcast")
                        .body(JSON, hello).header("Host", "localhost:9000")
                        .fromPage("http://localhost:9000", "same-origin")
                        .answers(200, "\"reached\":0"),
                Call.of("a name listed without a port, on any port", "GET", "/api/players")
                        .header("Host", "gamma.example.com:1234").answers(200, "[]"),
                Call.of("a name listed with its port", "GET", "/api/players").header("Host", "proxy.example:8443")
                        .answers(200, "[]"),
                Call.of("a TLS proxy that rewrites Host and keeps a listed Origin", "POST", "/api/broadcast")
                        .body(JSON, hello).fromPage("https://gamma.example.com", "same-origin")
                        .answers(200, "\"reached\":0"),
                Call.of("a load balancer's probe with its own Host", "GET", "/health").header("Host", "10.0.0.9")
                        .answers(200, "up"),
                Call.of("a readiness probe with its own Host", "GET", "/ready").header("Host", "lb.internal:80")
                        .answers(200, "ready"),
                Call.of("Prometheus by address", "GET", "/metrics").header("Host", "10.0.0.11:8080")
                        .answers(200, ""),
                Call.of("the dashboard typed in the address bar", "GET", "/").header("Host", "localhost:{port}")
                        .header("Sec-Fetch-Site", "none").answers(200, "<!doctype html>"),
                Call.of("the dashboard opened from a link on another site", "GET", "/")
                        .fromPage("https://wiki.example", "cross-site").answers(200, "<!doctype html>"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void whatAPageCanMakeABrowserSendIsRefused(Call call) throws Exception {
        RawHttp.Response response = call.send(port);

        assertThat(response.status()).as(response.body()).isEqualTo(call.status());
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.json().getString("error")).contains(call.answer());
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void theNodesOwnPageCurlAndProbesAreServed(Call call) throws Exception {
        RawHttp.Response response = call.send(port);

        assertThat(response.status()).as(response.body()).isEqualTo(call.status());
        assertThat(response.body().toLowerCase()).contains(call.answer().toLowerCase());
    }

    @Order(1)
    @Test
    void aHostHeaderIsNeededExceptByProbes() throws Exception {
        RawHttp.Response noHost = raw("GET /api/players HTTP/1.0\r\n");
        RawHttp.Response twoHosts = raw("GET /api/players HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: rebind.example\r\n");
        RawHttp.Response probe = raw("GET /health HTTP/1.0\r\n");

        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.json().getString("error")).isEqualTo("a request needs exactly one Host header, got 0");
        assertThat(twoHosts.status()).isEqualTo(400);
        assertThat(twoHosts.json().getString("error")).contains("Host header");
        assertThat(probe.status()).isEqualTo(200);
    }

    @Order(3)
    @Test
    void nothingTheRefusedCallsSentWasStored() {
        assertThat(gamma.node().crosstalk().routes().snapshot().keySet()).containsExactlyInAnyOrder("real.test",
                "curl.test");
    }

    @Test
    void boundToEveryInterfaceAnyAddressPassesButNamesMustBeListed() throws Exception {
        AdminServer wildcard = new AdminServer(gamma.vertx(), new AdminConfig(new HostPort("0.0.0.0", 0),
                STRONG_TOKEN), services());
        int wildcardPort = Await.await(wildcard.start());
        try {
            Call players = Call.of("players", "GET", "/api/players").header("Authorization", "Bearer " + STRONG_TOKEN);

            assertThat(players.header("Host", "10.9.8.7:8080").send(wildcardPort).status()).isEqualTo(200);
            assertThat(players.header("Host", "[fd00::1]:8080").send(wildcardPort).status()).isEqualTo(200);
            assertThat(players.header("Host", "localhost:8081").send(wildcardPort).status()).isEqualTo(200);
            // a name must be listed, unless the call presents the token (which no rebinding page has)
            Call anonymous = Call.of("players", "GET", "/api/players");
            RawHttp.Response rebound = anonymous.header("Host", "rebind.example:8080").send(wildcardPort);
            assertThat(rebound.status()).isEqualTo(403);
            assertThat(rebound.json().getString("error")).contains("admin.allowed-hosts");
            assertThat(players.header("Host", "gamma-1:8080").send(wildcardPort).status()).isEqualTo(200);
        } finally {
            Await.await(wildcard.stop());
        }
    }

    private static RawHttp.Response raw(String head) throws Exception {
        return RawHttp.send(port, (head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static AdminServices services() {
        var node = gamma.node();
        return new AdminServices(node.crosstalk(), node.commands(), node::ready, gamma.configFile().getParent(),
                node::scrapeMetrics);
    }
}

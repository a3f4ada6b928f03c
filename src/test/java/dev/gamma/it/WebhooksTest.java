package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connection webhooks end to end: real clients log in through a node to a real backend, and a local HTTP server
 * receives the node's posts: one signed receiver that answers, one that always fails, one that never answers.
 */
class WebhooksTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final String SECRET = "hook-secret";
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static Vertx receiverVertx;
    private static BackendPeer backend;
    private static GammaFixture gamma;
    private static int receiverPort;

    record Received(String path, String event, String signature, Buffer body) {
        JsonObject json() {
            return body.toJsonObject();
        }
    }

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        receiverVertx = Vertx.vertx();
        int port = receiverPort = Await.await(receiverVertx.createHttpServer().requestHandler(WebhooksTest::receive)
                .listen(0, "127.0.0.1")).actualPort();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        gamma = GammaFixture.start("""
                routes:
                  - host: play.test
                    backend: 127.0.0.1:%1$d
                    inspect: true
                webhooks:
                  - url: http://127.0.0.1:%2$d/signed
                    secret: %3$s
                  - url: http://127.0.0.1:%2$d/failing
                    events: [login]
                  - url: http://127.0.0.1:%2$d/silent
                """.formatted(backend.port(), port, SECRET));
    }

    @AfterAll
    static void stop() {
        if (gamma != null) {
            gamma.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (receiverVertx != null) {
            Await.await(receiverVertx.close());
        }
    }

    private static void receive(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            received.add(new Received(request.path(), request.getHeader("X-Gamma-Event"),
                    request.getHeader("X-Gamma-Signature"), body));
            switch (request.path()) {
                case "/signed", "/reloaded" -> request.response().setStatusCode(204).end();
                case "/failing" -> request.response().setStatusCode(500).end("down for maintenance");
                default -> { } // /silent never answers
            }
        });
    }

    @Test
    void loginAndLogoutArriveSignedWithThePlayersDetails() {
        Instant before = Instant.now();
        String uuid;
        try (ClientPeer client = client("Hooked")) {
            client.await("login", WAIT);
            Received login = awaitPost("/signed", "login", "Hooked");
            JsonObject event = login.json();
            assertThat(event.getString("node")).isEqualTo(gamma.node().crosstalk().nodes().selfId());
            assertThat(event.getString("route")).isEqualTo("play.test");
            assertThat(event.getString("backend")).isEqualTo("127.0.0.1:" + backend.port());
            assertThat(event.getString("address")).isEqualTo("127.0.0.1");
            uuid = event.getString("uuid");
            assertThat(UUID.fromString(uuid)).isNotNull();
            assertThat(Instant.parse(event.getString("at"))).isBetween(before.minusSeconds(1), Instant.now());
            assertThat(event.containsKey("reason")).isFalse();
            assertThat(login.event()).isEqualTo("login");
            assertThat(login.signature()).isEqualTo(sign(SECRET, login.body()));
        }
        Received logout = awaitPost("/signed", "logout", "Hooked");
        assertThat(logout.json().getString("uuid")).isEqualTo(uuid);
        assertThat(logout.signature()).isEqualTo(sign(SECRET, logout.body()));
        assertThat(logout.signature()).isNotEqualTo(sign("another secret", logout.body()));
    }

    @Test
    void aKickThroughTheApiPostsTheReason() {
        try (ClientPeer client = client("KickHook")) {
            client.await("login", WAIT);
            Await.until(WAIT, "registered", () -> gamma.node().crosstalk().players().snapshot().stream()
                    .anyMatch(p -> p.name().equals("KickHook")));
            AdminClient.Reply reply = new AdminClient(gamma.adminPort(), null).post("/api/players/KickHook/kick",
                    new JsonObject().put("reason", "Closing \"time\"\n\u001b[31m"));
            assertThat(reply.status()).isEqualTo(200);
            Received kick = awaitPost("/signed", "kick", "KickHook");
            assertThat(kick.json().getString("reason")).isEqualTo("Closing \"time\"\n\u001b[31m");
            assertThat(kick.body().toString(StandardCharsets.UTF_8)).doesNotContain("\n").doesNotContain("\u001b");
            awaitPost("/signed", "logout", "KickHook");
        }
    }

    @Test
    void aFailingReceiverIsTriedThreeTimesThenTheEventIsDroppedAndCounted() {
        double droppedBefore = metric("gamma_webhook_dropped_total{reason=\"undelivered\"}");
        try (ClientPeer client = client("Retried")) {
            client.await("login", WAIT);
            Await.until(WAIT, "three tries", () -> posts("/failing", "login", "Retried").size() == 3);
        }
        Await.until(WAIT, "the drop counted",
                () -> metric("gamma_webhook_dropped_total{reason=\"undelivered\"}") >= droppedBefore + 1);
        assertThat(metric("gamma_webhook_posts_total{result=\"failed\"}")).isGreaterThanOrEqualTo(3);
        assertThat(posts("/failing", "logout", "Retried")).isEmpty(); // that webhook wants logins only
        assertThat(posts("/failing", "login", "Retried")).hasSize(3);
    }

    @Test
    void aReceiverThatNeverAnswersDelaysNoLogin() {
        try (ClientPeer first = client("Patient")) {
            first.await("login", WAIT);
            Await.until(WAIT, "a post held open by the silent receiver",
                    () -> received.stream().anyMatch(r -> r.path().equals("/silent")));
        }
        // its posts wait for their timeouts, its queue fills; logins and the other webhooks go on
        for (int i = 0; i < 3; i++) {
            String name = "Patient" + i;
            try (ClientPeer client = client(name)) {
                client.await("login", WAIT);
                awaitPost("/signed", "login", name);
            }
        }
    }

    @Test
    void aWebhookAddedByAReloadGetsTheNextEvents() {
        String routes = """
                routes:
                  - host: play.test
                    backend: 127.0.0.1:%d
                """.formatted(backend.port());
        try (GammaFixture reloaded = GammaFixture.start(routes)) {
            try (ClientPeer before = Peers.client(ClientOptions.of(reloaded.port(), "1.21.4")
                    .withFakeHost("play.test").withUsername("BeforeReload"))) {
                before.await("login", WAIT);
            }
            reloaded.reload(routes + "webhooks:\n  - url: http://127.0.0.1:" + receiverPort + "/reloaded\n"
                    + "    events: [logout]\n");
            try (ClientPeer after = Peers.client(ClientOptions.of(reloaded.port(), "1.21.4")
                    .withFakeHost("play.test").withUsername("AfterReload"))) {
                after.await("login", WAIT);
            }
            awaitPost("/reloaded", "logout", "AfterReload");
            assertThat(received.stream().filter(r -> r.path().equals("/reloaded"))
                    .map(r -> r.json().getString("event") + " " + r.json().getString("name")))
                    .containsExactly("logout AfterReload");
        }
    }

    private static ClientPeer client(String name) {
        return Peers.client(ClientOptions.of(gamma.port(), "1.21.4").withFakeHost("play.test").withUsername(name));
    }

    private static Received awaitPost(String path, String event, String name) {
        return Await.value(WAIT, event + " of " + name + " at " + path,
                () -> posts(path, event, name).stream().findFirst().orElse(null));
    }

    private static List<Received> posts(String path, String event, String name) {
        return received.stream().filter(r -> r.path().equals(path) && event.equals(r.json().getString("event"))
                && name.equals(r.json().getString("name"))).toList();
    }

    private static double metric(String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$")
                .matcher(gamma.node().scrapeMetrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** What a receiver computes to check a post: HMAC-SHA256 of the raw body under the shared secret. */
    private static String sign(String secret, Buffer body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

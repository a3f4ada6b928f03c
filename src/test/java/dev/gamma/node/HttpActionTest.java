package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.testkit.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link HttpAction} against a local HTTP server: what counts as done, and what each failure says. */
class HttpActionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private static final List<String> authorizations = new CopyOnWriteArrayList<>();
    private static Vertx vertx;
    private static HttpClient client;
    private static int port;
    private static Context context;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
        context = vertx.getOrCreateContext();
        HttpServer server = vertx.createHttpServer().requestHandler(HttpActionTest::answer);
        port = Await.await(server.listen(0, "127.0.0.1")).actualPort();
    }

    @AfterAll
    static void stop() {
        Await.await(vertx.close());
    }

    private static void answer(HttpServerRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        switch (request.path()) {
            case "/ok" -> request.body().onSuccess(body -> {
                received.add(body.toJsonObject());
                request.response().setStatusCode(204).end();
            });
            case "/created" -> request.response().setStatusCode(201).end("{\"id\":1}");
            case "/missing" -> request.response().setStatusCode(404).end("no hook here\r\nFAKE LOG LINE");
            case "/huge" -> request.response().setStatusCode(500).end("x".repeat(5_000_000));
            case "/silent" -> { } // never answers
            default -> request.response().setStatusCode(500).end();
        }
    }

    @Test
    void aTwoHundredAnswerIsSuccessAndTheBodyArrives() {
        Await.await(post(url("/ok"), new JsonObject().put("route", "lobby"), TIMEOUT));
        assertThat(received).contains(new JsonObject().put("route", "lobby"));
        Await.await(post(url("/created"), new JsonObject(), TIMEOUT));
    }

    @Test
    void anErrorAnswerFailsWithItsStatusAndAnEscapedCutQuote() {
        assertThatThrownBy(() -> Await.await(post(url("/missing"), new JsonObject(), TIMEOUT)))
                .hasMessageContaining("POST http://127.0.0.1:" + port + "/missing: answered HTTP 404: no hook here")
                .hasMessageContaining("\\u000d\\u000aFAKE LOG LINE")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Await.await(post(url("/huge"), new JsonObject(), TIMEOUT)))
                .hasMessageContaining("answered HTTP 500")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        assertThatThrownBy(() -> Await.await(post(url("/silent"), new JsonObject(),
                Duration.ofMillis(300)))).hasMessageContaining("/silent: no answer within 300 ms");
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> Await.await(post("http://127.0.0.1:" + closed + "/hook",
                new JsonObject(), TIMEOUT))).hasMessageContaining("POST http://127.0.0.1:" + closed + "/hook: ")
                .hasMessageContaining("refused");
    }

    @Test
    void credentialsInTheUrlAreSentButNeverShown() {
        String secretUrl = "http://hook:s3cret@127.0.0.1:" + port + "/missing?token=t0ken";
        assertThatThrownBy(() -> Await.await(post(secretUrl, new JsonObject(), TIMEOUT)))
                .hasMessageContaining("answered HTTP 404")
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("t0ken");
        assertThat(authorizations).contains("Basic aG9vazpzM2NyZXQ=");
        assertThat(HttpAction.describe(secretUrl)).isEqualTo("http://127.0.0.1:" + port + "/missing");
    }

    @Test
    void onlyHttpUrlsArePostedTo() {
        for (String bad : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "127.0.0.1:8080/x", "http:///x",
                "http://h/x#frag", "not a url", "")) {
            assertThatThrownBy(() -> Await.await(post(bad, new JsonObject(), TIMEOUT))).as(bad)
                    .hasMessageContaining("IllegalArgumentException").hasMessageNotContaining("127.0.0.1:" + port);
        }
    }

    /** As a caller does: on a Vert.x context. */
    private static Future<Void> post(String url, JsonObject body, Duration timeout) {
        Promise<Void> posted = Promise.promise();
        context.runOnContext(v -> HttpAction.post(client, url, body, timeout).onComplete(posted));
        return posted.future();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}

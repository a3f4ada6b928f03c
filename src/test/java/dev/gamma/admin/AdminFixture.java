package dev.gamma.admin;

import static dev.gamma.testkit.Await.await;

import dev.gamma.cluster.PlayerEntry;
import dev.gamma.cluster.StandaloneCrosstalk;
import dev.gamma.config.AdminConfig;
import dev.gamma.config.HostPort;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real admin server on 127.0.0.1 over a standalone cluster, and an HTTP client to call it. */
final class AdminFixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final StandaloneCrosstalk crosstalk;
    final FakeCommands commands = new FakeCommands();
    final AtomicBoolean ready = new AtomicBoolean();
    final AdminServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    String token;

    AdminFixture(Path dataDir, String token) throws Exception {
        this(dataDir, token, AdminConnections.Limits.DEFAULTS);
    }

    AdminFixture(Path dataDir, String token, AdminConnections.Limits limits) throws Exception {
        this.token = token;
        crosstalk = new StandaloneCrosstalk(vertx, dataDir);
        await(crosstalk.routes().start(List.of()));
        server = new AdminServer(vertx, new AdminConfig(new HostPort("127.0.0.1", 0), token),
                new AdminServices(crosstalk, commands, ready::get, dataDir), limits);
        port = await(server.start());
    }

    int port() {
        return port;
    }

    void addPlayer(String id, String name, String node, String route) throws Exception {
        await(crosstalk.players().put(new PlayerEntry(id, name, "uuid-" + name, node, route, "127.0.0.1:25566",
                "10.0.0.7:50000", 767, false, 1_000, 10, 20)));
    }

    Reply get(String path) throws Exception {
        return call("GET", path, null);
    }

    /** A body goes out as {@code application/json}, as the API wants it. */
    Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = request(path);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.headers().firstValue("www-authenticate").orElse(""), response.body());
    }

    /** A GET written by hand, for a path {@link java.net.URI} refuses to carry (a broken %-escape, say). */
    Reply rawGet(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String auth = token == null || token.isEmpty() ? "" : "Authorization: Bearer " + token + "\r\n";
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String[] response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .split("\r\n\r\n", 2);
            String head = response[0].toLowerCase(Locale.ROOT);
            String contentType = head.lines().filter(l -> l.startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).strip()).findFirst().orElse("");
            return new Reply(Integer.parseInt(head.split(" ")[1]), contentType, "", response[1]);
        }
    }

    @Override
    public void close() throws Exception {
        await(server.stop());
        await(vertx.close());
    }

    record Reply(int status, String contentType, String wwwAuthenticate, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }

        JsonArray array() {
            return new JsonArray(body);
        }

        String error() {
            return json().getString("error");
        }
    }
}

package dev.gamma.admin;

import dev.gamma.cluster.PlayerEntry;
import dev.gamma.cluster.StandaloneCrosstalk;
import dev.gamma.config.AdminConfig;
import dev.gamma.config.HostPort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        this.token = token;
        crosstalk = new StandaloneCrosstalk(vertx, dataDir);
        await(crosstalk.routes().start(List.of()));
        server = new AdminServer(vertx, new AdminConfig(new HostPort("127.0.0.1", 0), token),
                new AdminServices(crosstalk, commands, ready::get, dataDir));
        port = await(server.start());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    void addPlayer(String id, String name, String node, String route) throws Exception {
        await(crosstalk.players().put(new PlayerEntry(id, name, "uuid-" + name, node, route, "127.0.0.1:25566",
                "10.0.0.7:50000", 767, false, 1_000, 10, 20)));
    }

    Reply get(String path) throws Exception {
        return call("GET", path, null);
    }

    Reply call(String method, String path, String body) throws Exception {
        return send(request(path).method(method, body == null
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

package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.route.WakeAction;
import dev.gamma.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http and docker kinds of a route's wake and sleep actions reach what they name, with the route and purpose. */
class WakeActionsTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    }

    @AfterAll
    static void close() {
        Await.await(vertx.close());
    }

    @Test
    void anHttpActionPostsTheRouteAndPurpose() {
        List<JsonObject> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = Await.await(vertx.createHttpServer().requestHandler(request -> request.body()
                .onSuccess(body -> {
                    bodies.add(body.toJsonObject());
                    request.response().setStatusCode("/down".equals(request.path()) ? 503 : 204).end();
                })).listen(0, "127.0.0.1"));
        try {
            WakeActions actions = new WakeActions(vertx);
            String base = "http://127.0.0.1:" + server.actualPort();
            Await.await(actions.run("lobby.test", "wake", WakeAction.http(base + "/up")));
            Await.await(actions.run("lobby.test", "sleep", WakeAction.http(base + "/up")));
            assertThat(bodies).containsExactly(new JsonObject().put("route", "lobby.test").put("action", "wake"),
                    new JsonObject().put("route", "lobby.test").put("action", "sleep"));

            assertThatThrownBy(() -> Await.await(actions.run("lobby.test", "wake", WakeAction.http(base + "/down"))))
                    .hasMessageContaining("503");
        } finally {
            Await.await(server.close());
        }
    }

    @Test
    void aDockerActionStartsToWakeAndStopsToSleep(@TempDir Path dir) {
        String socket = dir.resolve("engine.sock").toString();
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer engine = Await.await(vertx.createHttpServer().requestHandler(request -> {
            calls.add(request.method() + " " + request.uri());
            request.response().setStatusCode(204).end();
        }).listen(SocketAddress.domainSocketAddress(socket)));
        try {
            WakeActions actions = new WakeActions(vertx, vertx.createHttpClient(),
                    () -> new DockerEngine(vertx, socket));
            Await.await(actions.run("lobby.test", "wake", WakeAction.docker("lobby")));
            Await.await(actions.run("lobby.test", "sleep", WakeAction.docker("lobby")));
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0)).startsWith("POST ").endsWith("/containers/lobby/start");
            assertThat(calls.get(1)).startsWith("POST ").contains("/containers/lobby/stop");
        } finally {
            Await.await(engine.close());
        }
    }

    @Test
    void aBadDockerHostFailsTheActionNotTheNode() {
        WakeActions actions = new WakeActions(vertx, vertx.createHttpClient(), () -> {
            throw new IllegalArgumentException("DOCKER_HOST must be unix:///path/to/docker.sock, got tcp://x");
        });
        assertThatThrownBy(() -> Await.await(actions.run("lobby.test", "wake", WakeAction.docker("lobby"))))
                .hasMessageContaining("DOCKER_HOST");
    }
}

package dev.gamma.node;

import dev.gamma.protocol.Printable;
import dev.gamma.route.WakeAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a route's wake or sleep action, whatever its kind, and logs one line per run: route, purpose, kind, outcome
 * and duration. Never on an event loop: a command runs on a worker thread, the HTTP and Docker calls are
 * asynchronous.
 */
final class WakeActions {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(WakeActions.class);

    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final HttpClient http;
    private final Supplier<DockerEngine> docker;
    private DockerEngine engine;

    WakeActions(Vertx vertx) {
        this(vertx, vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)),
                () -> DockerEngine.fromEnvironment(vertx, System.getenv()));
    }

    /** {@code docker} is asked once, at the first Docker action: a bad {@code DOCKER_HOST} fails that action only. */
    WakeActions(Vertx vertx, HttpClient http, Supplier<DockerEngine> docker) {
        this.vertx = vertx;
        this.http = http;
        this.docker = docker;
    }

    /** @param purpose {@code wake} or {@code sleep} */
    Future<Void> run(String route, String purpose, WakeAction action) {
        long started = System.nanoTime();
        Future<String> outcome = switch (action.kind()) {
            case COMMAND -> CommandAction.run(vertx, action.command(), COMMAND_TIMEOUT);
            case HTTP -> HttpAction.post(http, action.url(), new JsonObject().put("route", route).put("action", purpose),
                    HTTP_TIMEOUT).map("");
            case DOCKER -> docker(purpose, action.container());
        };
        return outcome.andThen(result -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            String where = Printable.escape(route, 120);
            String target = Printable.escape(action.kind() == WakeAction.Kind.HTTP ? HttpAction.describe(action.url())
                    : action.target(), 200);
            if (result.succeeded()) {
                LOG.info("route {}: {} action ({} {}) succeeded in {} ms{}", where, purpose, action.kind().key(), target,
                        millis, result.result().isEmpty() ? "" : "; output: " + result.result());
            } else {
                LOG.warn("route {}: {} action ({} {}) failed in {} ms: {}", where, purpose, action.kind().key(), target,
                        millis, Printable.escape(String.valueOf(result.cause().getMessage()), 2400));
            }
        }).mapEmpty();
    }

    private synchronized Future<String> docker(String purpose, String container) {
        try {
            if (engine == null) {
                engine = docker.get();
            }
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return ("wake".equals(purpose) ? engine.start(container) : engine.stop(container)).map("");
    }
}

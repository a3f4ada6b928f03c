package dev.gamma.node;

import dev.gamma.protocol.Printable;
import dev.gamma.route.WakeAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
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

    private final Vertx vertx;

    WakeActions(Vertx vertx) {
        this.vertx = vertx;
    }

    /** @param purpose {@code wake} or {@code sleep} */
    Future<Void> run(String route, String purpose, WakeAction action) {
        long started = System.nanoTime();
        Future<String> outcome = switch (action.kind()) {
            case COMMAND -> CommandAction.run(vertx, action.command(), COMMAND_TIMEOUT);
            case HTTP, DOCKER -> Future.failedFuture(action.kind().key() + " actions are not available in this build");
        };
        return outcome.andThen(result -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            String where = Printable.escape(route, 120);
            String target = Printable.escape(action.target(), 200);
            if (result.succeeded()) {
                LOG.info("route {}: {} action ({} {}) succeeded in {} ms{}", where, purpose, action.kind().key(), target,
                        millis, result.result().isEmpty() ? "" : "; output: " + result.result());
            } else {
                LOG.warn("route {}: {} action ({} {}) failed in {} ms: {}", where, purpose, action.kind().key(), target,
                        millis, Printable.escape(String.valueOf(result.cause().getMessage()), 2400));
            }
        }).mapEmpty();
    }
}

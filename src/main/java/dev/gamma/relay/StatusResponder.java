package dev.gamma.relay;

import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.StatusCache;
import dev.gamma.route.StatusJson;
import dev.gamma.route.StatusRewriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;

/**
 * Decides the status JSON a client sees: the route's cached backend status, else the route's fallback,
 * the unknown-host status, or a rate-limit notice; a route in maintenance shows its maintenance status at once. A
 * route's answers carry its status.players choices. The answer
 * always arrives on the session's context and within {@code wait}, so a slow backend turns into the fallback
 * instead of a client timeout.
 */
final class StatusResponder {
    private StatusResponder() {}

    static Future<String> answer(StatusCache cache, StatusRewriter rewriter, StatusQuery query, Context context) {
        if (query.rateLimited()) {
            return Future.succeededFuture(StatusJson.of(
                    new FallbackStatus(ProxySettings.RATE_LIMITED_MOTD, "", "", 0, 0), query.protocol()));
        }
        Route route = query.route();
        if (route == null) {
            return Future.succeededFuture(StatusJson.unknownHost(query.unknownHostMotd(), query.protocol()));
        }
        if (route.maintenance().enabled()) {
            return Future.succeededFuture(rewriter.fallback(route, query.protocol())); // no backend is asked
        }
        Promise<String> answer = Promise.promise();
        long timer = context.owner().setTimer(query.patience().toMillis(),
                t -> answer.tryComplete(rewriter.fallback(route, query.protocol())));
        cache.body(route, query.protocol()).onComplete(result -> context.runOnContext(v -> {
            if (!answer.future().isComplete()) {
                answer.complete(result.succeeded()
                        ? rewriter.answer(route, result.result(), query.protocol())
                        : rewriter.fallback(route, query.protocol()));
            }
            context.owner().cancelTimer(timer); // only once answered: should the answer fail, the fallback still goes
        }));
        return answer.future();
    }

    /** One status question: which route (null: unknown host), for which protocol, how long to wait. */
    record StatusQuery(Route route, int protocol, boolean rateLimited, String unknownHostMotd, Duration patience) {}
}

package dev.gamma.admin;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure and every unrouted request into a JSON {@code {error}} answer: the router's own
 * 404/405/413 as well as {@link ApiError}s and failures of the cluster behind the API (503).
 */
final class FailureResponder implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(FailureResponder.class);

    @Override
    public void handle(RoutingContext ctx) {
        ApiError error = toApiError(ctx);
        if (error.status() >= 500) {
            Throwable unexpected = ctx.failure() instanceof ApiError ? null : ctx.failure();
            LOG.warn("admin API: {} {} answered {}: {}", ctx.request().method(), ctx.request().path(),
                    error.status(), error.getMessage(), unexpected);
        }
        Replies.error(ctx, error);
    }

    private static ApiError toApiError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError error) {
            return error;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if (status >= 400 && status < 500) {
            return new ApiError(status, clientMessage(ctx, status));
        }
        return new ApiError(503, "the node could not do this right now: " + describe(failure));
    }

    private static String clientMessage(RoutingContext ctx, int status) {
        String call = ctx.request().method() + " " + ctx.request().path();
        return switch (status) {
            case 404 -> "not found: " + call;
            case 405 -> "method not allowed: " + call;
            case 413 -> "request body too large (the limit is " + AdminServer.MAX_BODY_BYTES / 1024 + " KiB)";
            case 401 -> "missing or wrong token";
            default -> "bad request: " + call;
        };
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "internal error";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}

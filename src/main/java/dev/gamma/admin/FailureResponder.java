package dev.gamma.admin;

import dev.gamma.protocol.Printable;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure and every unrouted request into a JSON {@code {error}} answer: the router's own
 * 400/404/405/413 as well as {@link ApiError}s and failures of the cluster behind the API (503).
 */
final class FailureResponder {
    private static final Logger LOG = LoggerFactory.getLogger(FailureResponder.class);

    private FailureResponder() {}

    /** For a route's failure handler: the status comes from the failure or from {@code ctx.fail(status)}. */
    static void respond(RoutingContext ctx) {
        respond(ctx, ctx.statusCode());
    }

    /**
     * For the router's error handler of {@code status}: the router does not always set the context's status
     * (a path it cannot decode reaches the 400 handler with -1), so each handler knows its own.
     */
    static Handler<RoutingContext> forStatus(int status) {
        return ctx -> respond(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : status);
    }

    /**
     * For requests the HTTP decoder could not read (a request line or headers over the server's limits,
     * conflicting lengths): the same JSON answer as every other refusal, then the connection closes, as
     * Vert.x's own handler does with an empty body.
     */
    static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ApiError error;
        if (cause instanceof TooLongHttpLineException) {
            error = new ApiError(414, "request line too long (the limit is "
                    + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH + " bytes)");
        } else if (cause instanceof TooLongHttpHeaderException) {
            error = new ApiError(431, "request header too large (the limit is "
                    + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE / 1024 + " KiB for all headers)");
        } else {
            error = new ApiError(400, "bad request: malformed HTTP (" + describe(cause) + ")");
        }
        Replies.error(request.response(), error).onComplete(done -> request.connection().close());
    }

    private static void respond(RoutingContext ctx, int status) {
        if (ctx.response().closed()) {
            return; // the caller left; nobody to answer
        }
        ApiError error = toApiError(ctx, status);
        if (error.status() >= 500) {
            Throwable unexpected = ctx.failure() instanceof ApiError ? null : ctx.failure();
            LOG.warn("admin API: {} {} answered {}: {}", ctx.request().method(),
                    Printable.escape(ctx.request().path(), 255), error.status(),
                    Printable.escape(error.getMessage(), 512), unexpected);
        }
        Replies.error(ctx, error);
    }

    private static ApiError toApiError(RoutingContext ctx, int contextStatus) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError error) {
            return error;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : contextStatus;
        if (status >= 400 && status < 500) {
            return new ApiError(status, clientMessage(ctx, status, failure));
        }
        return new ApiError(503, "the node could not do this right now: " + describe(failure));
    }

    private static String clientMessage(RoutingContext ctx, int status, Throwable failure) {
        String call = ctx.request().method() + " " + ctx.request().path();
        return switch (status) {
            case 404 -> "not found: " + call;
            case 405 -> "method not allowed: " + call;
            case 413 -> "request body too large (the limit is " + AdminServer.MAX_BODY_BYTES / 1024 + " KiB)";
            case 401 -> "missing or wrong token";
            // the router refuses HTTP/1.1 without a readable Host before any handler runs
            case 400 -> ctx.request().version() != HttpVersion.HTTP_1_0 && ctx.request().authority() == null
                    ? "bad request: " + call + " needs one Host header naming this node (host or host:port)"
                    : badRequest(call, failure);
            default -> badRequest(call, failure);
        };
    }

    private static String badRequest(String call, Throwable failure) {
        return "bad request: " + call + (failure != null && failure.getCause() != null
                ? " (" + describe(failure.getCause()) + ")" : "");
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "internal error";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}

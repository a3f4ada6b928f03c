package dev.gamma.admin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every answer of the API is JSON and never cached. */
final class Replies {
    private Replies() {}

    static void json(RoutingContext ctx, int status, JsonObject body) {
        send(ctx, status, body.encode());
    }

    static void json(RoutingContext ctx, int status, JsonArray body) {
        send(ctx, status, body.encode());
    }

    static void noContent(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (!response.ended()) {
            response.setStatusCode(204).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
        }
    }

    static void error(RoutingContext ctx, ApiError error) {
        json(ctx, error.status(), error.body());
    }

    /** For a request no router saw (the HTTP decoder refused it); completes once the answer is written. */
    static Future<Void> error(HttpServerResponse response, ApiError error) {
        return send(response, error.status(), error.body().encode());
    }

    private static void send(RoutingContext ctx, int status, String body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return; // the client went away, or an answer already started
        }
        send(response, status, body);
    }

    private static Future<Void> send(HttpServerResponse response, int status, String body) {
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}

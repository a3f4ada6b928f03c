package dev.gamma.admin;

import io.vertx.core.json.JsonObject;

/** A request the API answers with {@code status} and {@code {error: message, ...details}}; no stack trace. */
final class ApiError extends RuntimeException {
    private final int status;
    private final JsonObject details;

    ApiError(int status, String message) {
        this(status, message, new JsonObject());
    }

    ApiError(int status, String message, JsonObject details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
    }

    int status() {
        return status;
    }

    JsonObject body() {
        return new JsonObject().put("error", getMessage()).mergeIn(details);
    }
}

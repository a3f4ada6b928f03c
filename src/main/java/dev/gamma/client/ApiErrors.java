package dev.gamma.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Turns an admin API error answer ({@code {error, problems?}}) into a message for the operator. */
final class ApiErrors {
    private ApiErrors() {}

    static ApiFailure failure(int status, String body, boolean tokenSent) {
        if (status == 401) {
            return new ApiFailure(status, tokenSent
                    ? "the node refused this token: pass its admin.token with --token or set GAMMA_TOKEN"
                    : "the node wants a token: pass --token or set GAMMA_TOKEN", List.of());
        }
        JsonObject json = parse(body);
        String error = json.getString("error");
        if (error == null || error.isBlank()) {
            error = "the node answered HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip());
        }
        Object problems = json.getValue("problems");
        List<String> list = problems instanceof JsonArray array
                ? array.stream().map(String::valueOf).toList() : List.of();
        return new ApiFailure(status, error, list);
    }

    private static JsonObject parse(String body) {
        try {
            return new JsonObject(body);
        } catch (RuntimeException notJson) {
            return new JsonObject();
        }
    }
}

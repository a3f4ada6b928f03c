package dev.gamma.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for a node's admin API, as scripts and the CLI use it. */
final class AdminClient {
    record Reply(int status, String body) {
        JsonObject object() {
            return new JsonObject(body);
        }

        JsonArray array() {
            return new JsonArray(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    AdminClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, JsonObject body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    Reply put(String path, JsonObject body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply withToken(String otherToken, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (otherToken != null) {
            builder.header("Authorization", "Bearer " + otherToken);
        }
        return send(builder.GET());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("admin API at " + base + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

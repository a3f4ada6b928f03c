package dev.gamma.client;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A client of one node's admin HTTP API (docs/cluster.md, "Admin API"). Every call blocks the calling thread and
 * throws {@link ApiFailure} with a message meant for the operator.
 */
public final class AdminApi {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /**
     * One for the process: a client keeps its connections open after an answer, and one per call would leave one
     * open per call where the CLI runs in a long-lived JVM, until the node refuses the address more (64 at most).
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final URI base;
    private final String token;

    /** @param token "" for none */
    public AdminApi(URI base, String token) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token == null ? "" : token.strip();
    }

    public URI base() {
        return base;
    }

    /** The JSON text of {@code GET /api/players}, filtered by route when {@code route} is not empty. */
    public String playersJson(String route) {
        String query = route == null || route.isBlank() ? "" : "?route=" + encode(route);
        return send("GET", "/api/players" + query, null);
    }

    public JsonArray players(String route) {
        return array(playersJson(route));
    }

    /** @return how many sessions were closed (a 404 when none is online becomes an {@link ApiFailure}) */
    public int kick(String name, String reason) {
        if (name.equals(".") || name.equals("..")) {
            return kickSessionsOf(name, reason);
        }
        return object(send("POST", "/api/players/" + encode(name) + "/kick", reason(reason))).getInteger("kicked", 0);
    }

    /** One session, by the {@code id} of its {@code GET /api/players} entry; a 404 when it is not online. */
    public int kickSession(String id, String reason) {
        return object(send("POST", "/api/sessions/" + encode(id) + "/kick", reason(reason))).getInteger("kicked", 0);
    }

    /** HTTP reads "." and ".." in a path as directories, never as a name: such players are kicked by session id. */
    private int kickSessionsOf(String name, String reason) {
        List<String> ids = array(send("GET", "/api/players?name=" + encode(name), null)).stream()
                .filter(JsonObject.class::isInstance).map(p -> ((JsonObject) p).getString("id", "")).toList();
        if (ids.isEmpty()) {
            throw new ApiFailure(404, "player " + name + " is not online", List.of());
        }
        int kicked = 0;
        for (String id : ids) {
            kicked += kickSession(id, reason);
        }
        return kicked;
    }

    private static JsonObject reason(String reason) {
        return reason == null || reason.isBlank() ? new JsonObject() : new JsonObject().put("reason", reason);
    }

    /** @return {@code {reached, unreachable}} */
    public JsonObject broadcast(String message) {
        return object(send("POST", "/api/broadcast", new JsonObject().put("message", message)));
    }

    public String routesJson() {
        return send("GET", "/api/routes", null);
    }

    public JsonArray routes() {
        return array(routesJson());
    }

    /** @return the stored entry {@code {host, route, source, updatedAt}} */
    public JsonObject putRoute(String host, JsonObject route) {
        return object(send("PUT", "/api/routes/" + encode(host), route));
    }

    /** @return the route's maintenance as stored {@code {enabled, motd, message, allow, kick-current}} */
    public JsonObject putMaintenance(String host, JsonObject maintenance) {
        return object(send("PUT", "/api/routes/" + encode(host) + "/maintenance", maintenance));
    }

    public void removeRoute(String host) {
        send("DELETE", "/api/routes/" + encode(host), null);
    }

    /** The fleet-wide access list: {@code {allow, deny, setAt}}. */
    public JsonObject access() {
        return object(send("GET", "/api/access", null));
    }

    public JsonObject putAccess(JsonObject lists) {
        return object(send("PUT", "/api/access", lists));
    }

    public String nodesJson() {
        return send("GET", "/api/nodes", null);
    }

    public JsonArray nodes() {
        return array(nodesJson());
    }

    /**
     * Drains node {@code node} ({@code self}: the node this client talks to) within {@code deadline} (like
     * {@code 10m}; null: the node's default); answers {@code {node, state, deadline}}.
     */
    public JsonObject drain(String node, String deadline) {
        JsonObject body = deadline == null ? new JsonObject() : new JsonObject().put("deadline", deadline);
        return object(send("POST", "/api/nodes/" + encode(node) + "/drain", body));
    }

    /** Calls off the drain of node {@code node}; answers {@code {node, state}}. */
    public JsonObject resume(String node) {
        return object(send("DELETE", "/api/nodes/" + encode(node) + "/drain", null));
    }

    private String send(String method, String path, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ApiFailure(0, "no Gamma node answers at " + base + ": is it running? (--api / GAMMA_API)",
                    List.of());
        } catch (IOException e) {
            throw new ApiFailure(0, "cannot talk to " + base + ": " + e.getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(0, "interrupted", List.of());
        }
        if (response.statusCode() >= 400) {
            throw ApiErrors.failure(response.statusCode(), response.body(), !token.isEmpty());
        }
        return response.body();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonArray array(String text) {
        try {
            return new JsonArray(text);
        } catch (DecodeException | ClassCastException e) {
            throw new ApiFailure(0, "the node answered something that is not a JSON list: " + e.getMessage(), List.of());
        }
    }

    private static JsonObject object(String text) {
        try {
            return text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new ApiFailure(0, "the node answered something that is not a JSON object: " + e.getMessage(),
                    List.of());
        }
    }
}

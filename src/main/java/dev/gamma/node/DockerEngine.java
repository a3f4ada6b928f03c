package dev.gamma.node;

import dev.gamma.protocol.Printable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Starts, stops and inspects containers through the Docker Engine API on its Unix socket, as the wake and sleep
 * actions {@code docker: CONTAINER} do. A container name is checked before any request, so that no name can change
 * the request's path; answers are read up to a bound and the engine's messages are escaped before they are shown.
 */
final class DockerEngine implements AutoCloseable {
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    /** Docker's own rule for names, with a bound of ours: an id is 64 characters, a name rarely more than 100. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final int MAX_ANSWER_BYTES = 256 * 1024;
    private static final int QUOTED_CHARS = 200;
    /** Docker waits this long for a container to stop by itself before it kills it. */
    private static final int STOP_SECONDS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(STOP_SECONDS + 20);

    private final Vertx vertx;
    private final String socketPath;
    private final Duration timeout;
    private final HttpClient client;
    /** Every call runs here, so that an answer's handlers are set before its body can arrive. */
    private final Context context;

    DockerEngine(Vertx vertx, String socketPath) {
        this(vertx, socketPath, TIMEOUT);
    }

    DockerEngine(Vertx vertx, String socketPath, Duration timeout) {
        this.vertx = vertx;
        this.socketPath = socketPath;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.context = vertx.getOrCreateContext();
    }

    /** The engine {@code DOCKER_HOST} names ({@code unix:///path}), else the one at {@link #DEFAULT_SOCKET}. */
    static DockerEngine fromEnvironment(Vertx vertx, Map<String, String> environment) {
        return new DockerEngine(vertx, socketPath(environment.get("DOCKER_HOST")));
    }

    /** The socket of {@code dockerHost}; only {@code unix://} hosts are served (no TCP engine, no TLS). */
    static String socketPath(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            return DEFAULT_SOCKET;
        }
        if (!dockerHost.startsWith("unix://") || dockerHost.length() <= "unix://".length()) {
            throw new IllegalArgumentException("DOCKER_HOST must be unix:///path/to/docker.sock, got "
                    + Printable.escape(dockerHost, QUOTED_CHARS));
        }
        return dockerHost.substring("unix://".length());
    }

    /** Starts {@code container}; one already running is a success. */
    Future<Void> start(String container) {
        return call(HttpMethod.POST, container, "/start").compose(answer -> expect(answer, "start", 204, 304));
    }

    /** Stops {@code container} (Docker kills it after {@value #STOP_SECONDS} s); one already stopped is a success. */
    Future<Void> stop(String container) {
        return call(HttpMethod.POST, container, "/stop?t=" + STOP_SECONDS)
                .compose(answer -> expect(answer, "stop", 204, 304));
    }

    /** Whether {@code container} runs now. */
    Future<Boolean> running(String container) {
        return call(HttpMethod.GET, container, "/json").compose(answer -> {
            if (answer.status() != 200) {
                return Future.failedFuture(failure("inspect", answer));
            }
            try {
                JsonObject state = new JsonObject(answer.body()).getJsonObject("State");
                return Future.succeededFuture(state != null && Boolean.TRUE.equals(state.getValue("Running")));
            } catch (DecodeException | ClassCastException e) {
                return Future.failedFuture(new IllegalStateException("Docker engine: inspect "
                        + answer.container() + ": the answer is not a container's JSON"));
            }
        });
    }

    @Override
    public void close() {
        client.close();
    }

    /** Whether {@code name} is a container name or id Docker accepts (and so one that fits in a path segment). */
    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private record Answer(String container, int status, Buffer body) {}

    private Future<Answer> call(HttpMethod method, String container, String action) {
        if (!validName(container)) {
            return Future.failedFuture(new IllegalArgumentException("not a Docker container name: "
                    + Printable.escape(String.valueOf(container), QUOTED_CHARS)
                    + " (letters, digits, _ . - and at most 128 characters)"));
        }
        Promise<Answer> answer = Promise.promise();
        context.runOnContext(v -> request(method, container, action).onComplete(answer));
        return answer.future();
    }

    private Future<Answer> request(HttpMethod method, String container, String action) {
        RequestOptions options = new RequestOptions().setMethod(method)
                .setServer(SocketAddress.domainSocketAddress(socketPath))
                .setHost("localhost").setURI("/containers/" + container + action)
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
        return TimedRequest.send(client, options, HttpClientRequest::send, response -> read(container, response),
                        timeout.toMillis())
                .recover(failure -> Future.failedFuture(unreachable(failure)));
    }

    private static Future<Answer> read(String container, HttpClientResponse response) {
        Buffer body = Buffer.buffer();
        Promise<Answer> answer = Promise.promise();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_ANSWER_BYTES) {
                answer.tryFail(new IllegalStateException("Docker engine: the answer about " + container
                        + " is larger than " + MAX_ANSWER_BYTES / 1024 + " KiB"));
                response.request().reset();
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.end().onComplete(ended -> {
            if (ended.succeeded()) {
                answer.tryComplete(new Answer(container, response.statusCode(), body));
            } else {
                answer.tryFail(ended.cause());
            }
        });
        return answer.future();
    }

    private static Future<Void> expect(Answer answer, String what, int... success) {
        for (int status : success) {
            if (answer.status() == status) {
                return Future.succeededFuture();
            }
        }
        return Future.failedFuture(failure(what, answer));
    }

    private static IllegalStateException failure(String what, Answer answer) {
        String message;
        try {
            message = new JsonObject(answer.body()).getString("message");
        } catch (DecodeException | ClassCastException e) {
            message = answer.body().toString(StandardCharsets.UTF_8);
        }
        String said = message == null || message.isBlank() ? "" : ": " + Printable.escape(message.strip(), QUOTED_CHARS);
        return new IllegalStateException("Docker engine: " + what + " " + answer.container() + " answered HTTP "
                + answer.status() + said);
    }

    private Throwable unreachable(Throwable failure) {
        if (failure instanceof IllegalStateException || failure instanceof IllegalArgumentException) {
            return failure;
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        // the JDK transport serves Unix sockets from Java 16; another platform may lack them
        boolean noSockets = failure instanceof UnsupportedOperationException
                || message.toLowerCase(java.util.Locale.ROOT).contains("domain socket");
        String transport = !noSockets ? "" : " (Unix domain sockets are not available to this node: "
                + (vertx.isNativeTransportEnabled() ? "native" : "JDK") + " transport)";
        return new IllegalStateException("Docker engine at unix://" + Printable.escape(socketPath, QUOTED_CHARS)
                + " did not answer: " + Printable.escape(message, QUOTED_CHARS) + transport, failure);
    }
}

package dev.gamma.node;

import dev.gamma.protocol.Printable;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One POST of a JSON body to an operator's URL (a wake or sleep hook, a webhook): success on a 2xx answer, a failure
 * that says what happened otherwise. The answer's body is read up to {@link #MAX_ANSWER_BYTES} and only quoted,
 * escaped and cut, in a failure. A URL may carry {@code user:password@}: sent as Basic authentication and never
 * shown in a message ({@link #describe}). Call it on a Vert.x context, where an answer's body can be read.
 */
final class HttpAction {
    static final int MAX_ANSWER_BYTES = 1024;
    private static final int QUOTED_CHARS = 200;

    private HttpAction() {}

    static Future<Void> post(HttpClient client, String url, JsonObject body, Duration timeout) {
        return post(client, url, body.toBuffer(), Map.of(), timeout);
    }

    /** As {@link #post(HttpClient, String, JsonObject, Duration)}, with the body already written and more headers. */
    static Future<Void> post(HttpClient client, String url, Buffer body, Map<String, String> headers,
            Duration timeout) {
        Target target;
        try {
            target = Target.parse(url);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        long millis = Math.max(1, timeout.toMillis());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.uri())
                .setConnectTimeout(millis).setIdleTimeout(millis).setFollowRedirects(false)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.USER_AGENT, "Gamma");
        if (target.authorization() != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, target.authorization());
        }
        headers.forEach(options::putHeader);
        return TimedRequest.send(client, options, request -> request.send(body), HttpAction::answer, millis)
                .recover(failure -> Future.failedFuture(new IllegalStateException(
                        "POST " + target.shown() + ": " + reason(failure, timeout), failure)));
    }

    /** The URL as messages and logs show it: no credentials, no query (which may carry a token). */
    static String describe(String url) {
        try {
            return Target.parse(url).shown();
        } catch (IllegalArgumentException e) {
            return "(an invalid URL)";
        }
    }

    private static Future<Void> answer(HttpClientResponse response) {
        Buffer start = Buffer.buffer();
        Future<Void> ended;
        try {
            response.handler(chunk -> {
                int room = MAX_ANSWER_BYTES - start.length();
                if (room > 0) {
                    start.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
                }
            });
            ended = response.end();
        } catch (IllegalStateException endedAlready) {
            // called off the client's context, the answer may be over before it is looked at: its status is known
            ended = Future.succeededFuture();
        }
        return ended.compose(done -> {
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Future.succeededFuture();
            }
            String text = start.toString(StandardCharsets.UTF_8);
            String quoted = text.isBlank() ? "" : ": " + Printable.escape(text.strip(), QUOTED_CHARS);
            return Future.failedFuture(new Answered("answered HTTP " + status + quoted));
        });
    }

    private static String reason(Throwable failure, Duration timeout) {
        if (failure instanceof Answered) {
            return failure.getMessage();
        }
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = failure.getMessage();
        return Printable.escape(message == null ? failure.getClass().getSimpleName() : message, QUOTED_CHARS);
    }

    /** A non-2xx answer; its message is escaped already. */
    private static final class Answered extends IllegalStateException {
        Answered(String message) {
            super(message, null);
        }
    }

    /** A checked http(s) URL, its shown form and its Basic authentication, if any. */
    record Target(String uri, String shown, String authorization) {
        static Target parse(String url) {
            URI uri;
            try {
                uri = new URI(url == null ? "" : url.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL (expected http://host[:port]/path)");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("only http and https URLs are posted to");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("the URL names no host");
            }
            if (uri.getFragment() != null) {
                throw new IllegalArgumentException("a URL posted to has no #fragment");
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String base = scheme + "://" + uri.getRawAuthority().substring(
                    uri.getRawUserInfo() == null ? 0 : uri.getRawUserInfo().length() + 1);
            String authorization = null;
            if (uri.getUserInfo() != null) {
                authorization = "Basic " + Base64.getEncoder().encodeToString(
                        uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
            }
            String shown = Printable.escape(scheme + "://" + uri.getHost() + port + path, QUOTED_CHARS);
            return new Target(base + path + query, shown, authorization);
        }
    }
}

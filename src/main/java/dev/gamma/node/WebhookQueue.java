package dev.gamma.node;

import dev.gamma.config.WebhookConfig;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events waiting for one webhook, and their delivery: at most {@link Settings#capacity} wait (more are dropped
 * and counted), at most {@link Settings#concurrency} posts at once, each tried {@link Settings#tries} times with a
 * doubling pause. {@link #offer} only queues, from any thread; posting runs on one Vert.x context.
 */
final class WebhookQueue {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookQueue.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(30).toNanos();
    static final String SIGNATURE_HEADER = "X-Gamma-Signature";

    /** How a queue delivers; {@link #DEFAULTS} for the configured webhooks. */
    record Settings(int capacity, int concurrency, int tries, Duration timeout, Duration firstPause) {
        static final Settings DEFAULTS = new Settings(1_000, 2, 3, Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    private final WebhookConfig config;
    private final HttpClient client;
    private final Context context;
    private final Settings settings;
    private final WebhookCounters counters;
    private final ArrayDeque<JsonObject> waiting = new ArrayDeque<>();
    private int posting;
    private boolean closed;
    private long lastLogged = System.nanoTime() - LOG_EVERY_NANOS;
    private long undeliveredSinceLog;

    WebhookQueue(WebhookConfig config, HttpClient client, Context context, Settings settings,
            WebhookCounters counters) {
        this.config = config;
        this.client = client;
        this.context = context;
        this.settings = settings;
        this.counters = counters;
    }

    WebhookConfig config() {
        return config;
    }

    /** Queues {@code event}, or drops and counts it when the queue is full; never waits. */
    void offer(JsonObject event) {
        boolean startPosting;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (waiting.size() >= settings.capacity()) {
                counters.droppedFull().increment();
                return;
            }
            waiting.add(event);
            startPosting = posting < settings.concurrency();
            if (startPosting) {
                posting++;
            }
        }
        if (startPosting) {
            context.runOnContext(v -> postNext());
        }
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Drops what waits; posts under way finish or fail on their own. */
    synchronized void close() {
        closed = true;
        waiting.clear();
    }

    private void postNext() {
        JsonObject event;
        synchronized (this) {
            event = closed ? null : waiting.poll();
            if (event == null) {
                posting--;
                return;
            }
        }
        Buffer body = event.toBuffer();
        Map<String, String> headers = config.secret().isEmpty()
                ? Map.of("X-Gamma-Event", event.getString("event"))
                : Map.of("X-Gamma-Event", event.getString("event"), SIGNATURE_HEADER, signature(config.secret(), body));
        attempt(body, headers, 1);
    }

    private void attempt(Buffer body, Map<String, String> headers, int attempt) {
        HttpAction.post(client, config.url(), body, headers, settings.timeout()).onComplete(posted -> {
            if (posted.succeeded()) {
                counters.delivered().increment();
                postNext();
                return;
            }
            counters.failed().increment();
            if (attempt < settings.tries() && !isClosed()) {
                long pause = settings.firstPause().toMillis() << (attempt - 1);
                context.owner().setTimer(Math.max(1, pause), t -> attempt(body, headers, attempt + 1));
            } else {
                counters.droppedUndelivered().increment();
                logUndelivered(posted.cause());
                postNext();
            }
        });
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** One line per 30 s at most: a receiver that is down must not flood the log. */
    private void logUndelivered(Throwable cause) {
        undeliveredSinceLog++;
        long now = System.nanoTime();
        if (now - lastLogged >= LOG_EVERY_NANOS) {
            LOG.warn("webhook: {} event(s) not delivered after {} tries; last: {}", undeliveredSinceLog,
                    settings.tries(), cause.getMessage());
            lastLogged = now;
            undeliveredSinceLog = 0;
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret}. */
    static String signature(String secret, Buffer body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

package dev.gamma.node;

import dev.gamma.config.WebhookConfig;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionEvents;
import dev.gamma.relay.SessionInfo;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Posts this node's players' logins, logouts and kicks to the configured webhooks. A login is a session relayed to a
 * backend with a name; its logout follows when the session ends, kicked or not. The session's thread only builds
 * the event and queues it ({@link WebhookQueue}): nothing here waits on a receiver.
 */
final class Webhooks implements SessionEvents {
    /** Longer reasons are cut: the API bounds them already, this keeps a payload small whatever calls. */
    static final int MAX_REASON_CHARS = 512;

    private final HttpClient client;
    private final Context context;
    private final String nodeId;
    private final WebhookCounters counters;
    private final WebhookQueue.Settings settings;
    private final Supplier<Instant> clock;
    private volatile List<WebhookQueue> queues = List.of();

    Webhooks(Vertx vertx, String nodeId, WebhookCounters counters, WebhookQueue.Settings settings,
            Supplier<Instant> clock) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(settings.concurrency() * 2));
        this.context = vertx.getOrCreateContext();
        this.nodeId = nodeId;
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
    }

    /** Puts {@code configs} in force: an unchanged webhook keeps its queue, a removed one's waiting events go. */
    synchronized void update(List<WebhookConfig> configs) {
        List<WebhookQueue> previous = queues;
        List<WebhookQueue> next = new ArrayList<>();
        for (WebhookConfig config : configs) {
            next.add(previous.stream().filter(q -> q.config().equals(config) && !next.contains(q)).findFirst()
                    .orElseGet(() -> new WebhookQueue(config, client, context, settings, counters)));
        }
        previous.stream().filter(q -> !next.contains(q)).forEach(WebhookQueue::close);
        queues = List.copyOf(next);
    }

    @Override
    public void started(PlayerSession session) {
        post("login", session, null);
    }

    @Override
    public void changed(PlayerSession session) {}

    @Override
    public void ended(PlayerSession session) {
        post("logout", session, null);
    }

    void kicked(PlayerSession session, String reason) {
        post("kick", session, reason == null ? "" : reason);
    }

    /** Events waiting, summed over the webhooks. */
    int waiting() {
        return queues.stream().mapToInt(WebhookQueue::waiting).sum();
    }

    synchronized void close() {
        queues.forEach(WebhookQueue::close);
        queues = List.of();
        client.close();
    }

    private void post(String event, PlayerSession session, String reason) {
        if (queues.isEmpty()) {
            return; // the common case, on every login and logout: nothing to build
        }
        List<WebhookQueue> wanting = queues.stream().filter(q -> q.config().wants(event)).toList();
        SessionInfo info = session.info();
        if (wanting.isEmpty() || info.username() == null) {
            return;
        }
        JsonObject body = new JsonObject()
                .put("event", event)
                .put("node", nodeId)
                .put("name", info.username())
                .put("uuid", info.uuid() == null ? null : info.uuid().toString())
                .put("route", info.route())
                .put("backend", info.backend())
                .put("address", info.clientAddress())
                .put("at", clock.get().toString());
        if (reason != null) {
            body.put("reason", reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        }
        wanting.forEach(q -> q.offer(body));
    }
}

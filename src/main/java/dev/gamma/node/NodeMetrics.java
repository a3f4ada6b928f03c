package dev.gamma.node;

import dev.gamma.cluster.ClusterRejections;
import dev.gamma.pipeline.PacketStatistics;
import dev.gamma.pipeline.UnfinishedFrames;
import dev.gamma.relay.AntiBot;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.RelayMetrics;
import dev.gamma.route.Backend;
import dev.gamma.route.BackendState;
import dev.gamma.route.StatusCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * This node's metrics, in Prometheus form at the admin API's {@code /metrics}. Connection counts and bytes
 * are recorded once per connection; byte totals of live sessions and player gauges are computed at scrape
 * time, so the relay does no metrics work per chunk. Names are documented in docs/metrics.md.
 */
final class NodeMetrics implements RelayMetrics {
    static final String CONNECTIONS = "gamma.connections";
    static final String BYTES = "gamma.bytes";
    static final String PLAYERS = "gamma.players";
    static final String HANDSHAKE = "gamma.handshake";
    static final String STATUS_CACHE = "gamma.status.cache";
    static final String CLUSTER_MEMBERS = "gamma.cluster.members";
    static final String CLUSTER_REJECTED = "gamma.cluster.rejected";
    static final String COMMANDS = "gamma.commands";
    static final String PACKETS = "gamma.packets";
    static final String PACKET_BYTES = "gamma.packet.bytes";
    static final String ANTI_BOT_ACTIVE = "gamma.anti.bot.active";
    static final String ANTI_BOT_REFUSED = "gamma.anti.bot.refused";
    static final String BACKEND_UP = "gamma.backend.up";
    static final String NODE_DRAINING = "gamma.node.draining";
    static final String UNFINISHED_PACKET_BYTES = "gamma.unfinished.packet.bytes";
    static final String UNFINISHED_PACKETS_REFUSED = "gamma.unfinished.packets.refused";
    static final String UNFINISHED_PACKETS_STALLED = "gamma.unfinished.packets.stalled";
    static final String ACCESS_DENIED = "gamma.access.denied";
    static final String WEBHOOK_POSTS = "gamma.webhook.posts";
    static final String WEBHOOK_DROPPED = "gamma.webhook.dropped";

    private final PrometheusMeterRegistry registry;
    private final AtomicLong endedFromClient = new AtomicLong();
    /** Bytes relayed, ended and live sessions', as the last scrape counted them. */
    private final AtomicLong totalFromClient = new AtomicLong();
    private final AtomicLong totalFromBackend = new AtomicLong();
    private final AtomicLong endedFromBackend = new AtomicLong();
    private final Timer handshake;
    private final MultiGauge players;
    private final MultiGauge backendUp;
    private final Supplier<Map<Backend, BackendState>> backendStates;
    private final Supplier<List<PlayerSession>> sessions;
    private final PacketStatistics packetStatistics;
    private final Set<String> packetNames = ConcurrentHashMap.newKeySet();
    /** Looked up once per route and outcome: a meter's registration is too slow for every connection. */
    private final Map<String, Map<String, Counter>> connections = new ConcurrentHashMap<>();
    private volatile Map<String, PacketStatistics.Tally> packetTotals = Map.of();

    /** A registry of its own, for nodes started without one (tests, embedding). */
    static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    NodeMetrics(PrometheusMeterRegistry registry, Supplier<List<PlayerSession>> sessions, StatusCache statusCache,
            IntSupplier clusterMembers, ClusterRejections rejections, PacketStatistics packetStatistics,
            Supplier<Map<Backend, BackendState>> backendStates) {
        this.registry = registry;
        this.backendStates = backendStates;
        this.backendUp = MultiGauge.builder(BACKEND_UP)
                .description("backends of routes with health checks: 1 up, 0 down, NaN not known yet")
                .register(registry);
        this.sessions = sessions;
        this.packetStatistics = packetStatistics;
        this.handshake = Timer.builder(HANDSHAKE)
                .description("time from accepting a connection to understanding (or refusing) its greeting")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.players = MultiGauge.builder(PLAYERS).description("players relayed by this node, by route").register(registry);
        FunctionCounter.builder(BYTES, this, m -> m.bytes(true)).tag("direction", "from_client")
                .description("bytes relayed, by direction").baseUnit("bytes").register(registry);
        FunctionCounter.builder(BYTES, this, m -> m.bytes(false)).tag("direction", "from_backend")
                .baseUnit("bytes").register(registry);
        FunctionCounter.builder(STATUS_CACHE, statusCache, StatusCache::hits).tag("result", "hit")
                .description("server-list answers from the status cache").register(registry);
        FunctionCounter.builder(STATUS_CACHE, statusCache, StatusCache::sharedHits).tag("result", "shared")
                .register(registry);
        FunctionCounter.builder(STATUS_CACHE, statusCache, StatusCache::misses).tag("result", "miss").register(registry);
        Gauge.builder(CLUSTER_MEMBERS, clusterMembers::getAsInt).description("nodes in the cluster").register(registry);
        for (ClusterRejections.Kind kind : ClusterRejections.Kind.values()) {
            FunctionCounter.builder(CLUSTER_REJECTED, rejections, r -> r.count(kind)).tag("kind", kind.label())
                    .description("values and commands from the cluster refused: not sealed with this cluster's"
                            + " secret, altered, moved, replayed or deleted without a record")
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    @Override
    public void greeting(long nanos) {
        handshake.record(Duration.ofNanos(nanos));
    }

    @Override
    public void connectionEnded(String route, String outcome, long fromClient, long fromBackend) {
        connections.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Counter.builder(CONNECTIONS)
                        .description("connections, by route and outcome").tags("route", route, "outcome", o)
                        .register(registry))
                .increment();
        endedFromClient.addAndGet(fromClient);
        endedFromBackend.addAndGet(fromBackend);
    }

    @Override
    public void accessDenied(String scope) {
        Counter.builder(ACCESS_DENIED).description("connections refused by an access list, node-wide or a route's")
                .tag("scope", scope).register(registry).increment();
    }

    void antiBot(AntiBot antiBot) {
        Gauge.builder(ANTI_BOT_ACTIVE, () -> antiBot.active() ? 1 : 0)
                .description("1 while anti-bot mode asks new addresses to reconnect").register(registry);
        FunctionCounter.builder(ANTI_BOT_REFUSED, antiBot, AntiBot::refused)
                .description("logins anti-bot mode refused, asking the address to reconnect").register(registry);
    }

    void unfinishedFrames(UnfinishedFrames unfinished) {
        Gauge.builder(UNFINISHED_PACKET_BYTES, unfinished::held).baseUnit("bytes")
                .description("memory the packets clients began and did not finish hold, past each connection's share")
                .register(registry);
        FunctionCounter.builder(UNFINISHED_PACKETS_REFUSED, unfinished, UnfinishedFrames::refused)
                .description("client packets refused at limits.max-unfinished-packets-mib").register(registry);
        FunctionCounter.builder(UNFINISHED_PACKETS_STALLED, unfinished, UnfinishedFrames::stalled)
                .description("client packets left unfinished for a whole timeouts.stalled period").register(registry);
    }

    void draining(java.util.function.BooleanSupplier draining) {
        Gauge.builder(NODE_DRAINING, () -> draining.getAsBoolean() ? 1 : 0)
                .description("1 while this node drains: no new players, its sessions go on until the deadline")
                .register(registry);
    }

    void command(String name) {
        Counter.builder(COMMANDS).description("kicks and broadcasts carried out on this node's sessions")
                .tag("command", name).register(registry).increment();
    }

    /** The Prometheus text exposition, with player gauges brought up to date. */
    String scrape() {
        // one walk over the sessions for the player gauges and the live byte counts: /metrics needs no token. The
        // ended sessions' bytes are read first: a session that ends meanwhile is then counted at most once (it
        // leaves the sessions before its bytes join the ended ones), and a total never goes below the last one
        // reported, which Prometheus would take for a restart
        long fromClient = endedFromClient.get();
        long fromBackend = endedFromBackend.get();
        Map<String, Long> byRoute = new HashMap<>();
        for (PlayerSession session : sessions.get()) {
            byRoute.merge(session.info().route(), 1L, Long::sum);
            fromClient += session.traffic().fromClient();
            fromBackend += session.traffic().fromBackend();
        }
        totalFromClient.accumulateAndGet(fromClient, Math::max);
        totalFromBackend.accumulateAndGet(fromBackend, Math::max);
        players.register(byRoute.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("route", e.getKey()), e.getValue()))
                .collect(Collectors.toList()), true);
        backendUp.register(backendStates.get().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("backend", e.getKey().toString()), upValue(e.getValue())))
                .collect(Collectors.toList()), true);
        registerPacketCounters();
        return registry.scrape();
    }

    /** The packet-stats handler's totals, one snapshot per scrape; a counter per packet name seen so far. */
    private void registerPacketCounters() {
        packetTotals = packetStatistics.totals();
        for (String name : packetTotals.keySet()) {
            if (packetNames.add(name)) {
                FunctionCounter.builder(PACKETS, this, m -> m.packetTotal(name, true)).tag("packet", name)
                        .description("packets seen by the packet-stats handler, by packet name").register(registry);
                FunctionCounter.builder(PACKET_BYTES, this, m -> m.packetTotal(name, false)).tag("packet", name)
                        .description("payload bytes seen by the packet-stats handler").baseUnit("bytes").register(registry);
            }
        }
    }

    private double packetTotal(String name, boolean packets) {
        PacketStatistics.Tally tally = packetTotals.get(name);
        return tally == null ? 0 : packets ? tally.packets() : tally.bytes();
    }

    private static double upValue(BackendState state) {
        return switch (state) {
            case UP -> 1;
            case DOWN -> 0;
            case UNKNOWN -> Double.NaN;
        };
    }

    private double bytes(boolean fromClient) {
        return fromClient ? totalFromClient.get() : totalFromBackend.get();
    }

    WebhookCounters webhookCounters() {
        String posts = "webhook posts, by result (a failed post may be tried again)";
        String dropped = "webhook events dropped: queue full, or every try failed";
        return new WebhookCounters(
                Counter.builder(WEBHOOK_POSTS).description(posts).tag("result", "ok").register(registry),
                Counter.builder(WEBHOOK_POSTS).description(posts).tag("result", "failed").register(registry),
                Counter.builder(WEBHOOK_DROPPED).description(dropped).tag("reason", "queue_full").register(registry),
                Counter.builder(WEBHOOK_DROPPED).description(dropped).tag("reason", "undelivered").register(registry));
    }
}

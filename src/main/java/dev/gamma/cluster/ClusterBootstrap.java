package dev.gamma.cluster;

import dev.gamma.config.ClusterConfig;
import dev.gamma.config.ClusterTls;
import dev.gamma.config.GammaConfig;
import dev.gamma.config.HostPort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.transport.Transport;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.CompletableFuture;

/**
 * Starts this node's Vert.x and its view of the cluster: standalone ({@code cluster.enabled: false}) or a
 * Hazelcast member joined by {@code cluster.discovery}. The caller starts the route store with its file routes,
 * announces the node; {@link ClusterNode#close()} leaves and closes Vert.x.
 */
public final class ClusterBootstrap {
    private ClusterBootstrap() {}

    /** Fails when this node cannot become a member (the cluster port is taken, for one). */
    public static Future<ClusterNode> start(GammaConfig config, VertxOptions options) {
        return start(config, options, null, null);
    }

    /**
     * As {@link #start(GammaConfig, VertxOptions)}, with Vert.x's own metrics going to {@code metrics} and its event
     * loops on {@code transport}, each when set.
     */
    public static Future<ClusterNode> start(GammaConfig config, VertxOptions options, VertxMetricsFactory metrics,
                                            Transport transport) {
        ClusterConfig cluster = config.cluster();
        if (!cluster.enabled()) {
            VertxBuilder builder = with(Vertx.builder().with(options), metrics, transport);
            Vertx vertx = builder.build();
            return Future.succeededFuture(new ClusterNode(vertx, new StandaloneCrosstalk(vertx, config.dataDir())));
        }
        // DNS discovery resolves a name, which blocks: on a pool thread, before any event loop exists
        return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> HazelcastSettings.members(cluster)))
                .compose(members -> {
                    HazelcastClusterManager manager =
                            new HazelcastClusterManager(HazelcastSettings.config(cluster, members));
                    VertxBuilder builder = with(Vertx.builder().with(eventBus(new VertxOptions(options), cluster))
                            .withClusterManager(manager), metrics, transport);
                    return builder.buildClustered()
                            .compose(vertx -> HazelcastCrosstalk.start(vertx, manager,
                                            HazelcastCrosstalk.Settings.of(config.dataDir(), cluster.secrets(),
                                            cluster.name()))
                                    .<ClusterNode>map(crosstalk -> new ClusterNode(vertx, crosstalk))
                                    .recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e))));
                });
    }

    private static VertxBuilder with(VertxBuilder builder, VertxMetricsFactory metrics, Transport transport) {
        VertxBuilder measured = metrics == null ? builder : builder.withMetrics(metrics);
        return transport == null ? measured : measured.withTransport(transport);
    }

    /**
     * The clustered event bus (kick and broadcast between nodes) listens on {@code cluster.event-bus}. A wildcard
     * host is left to Vert.x, which then uses the address Hazelcast picked: announcing 0.0.0.0 would reach no one.
     * With {@code cluster.public-address}, its host is what other nodes connect to.
     */
    static VertxOptions eventBus(VertxOptions options, ClusterConfig cluster) {
        EventBusOptions eventBus = options.getEventBusOptions();
        HostPort listen = cluster.eventBus();
        if (!HazelcastSettings.isWildcard(listen.host())) {
            eventBus.setHost(listen.host());
        }
        eventBus.setPort(listen.port());
        if (!cluster.publicAddress().isEmpty()) {
            eventBus.setClusterPublicHost(publicHost(cluster.publicAddress()));
        }
        ClusterTls tls = cluster.tls();
        if (tls.enabled()) {
            // both ends authenticate: a node accepts only peers whose certificate the CA signed, and checks the
            // certificate of the node it connects to the same way (nodes are reached by address, not by name)
            eventBus.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.cert().toString())
                            .setKeyPath(tls.key().toString()))
                    .setTrustOptions(new PemTrustOptions().addCertPath(tls.ca().toString()))
                    .setClientAuth(ClientAuth.REQUIRED);
        }
        return options;
    }

    /** The host of {@code cluster.public-address} ("host" or "host:port", IPv6 in brackets). */
    static String publicHost(String publicAddress) {
        return publicAddress.contains(":") ? HostPort.parse(publicAddress).host() : publicAddress;
    }
}

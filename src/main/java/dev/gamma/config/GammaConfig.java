package dev.gamma.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One node's whole configuration, as loaded from {@code conf/gamma.yaml} plus {@code GAMMA_*} overrides.
 *
 * @param dataDir    where API-made routes are persisted, relative to the working directory as given
 * @param pluginsDir where plugin jars are found: absolute, a relative value resolved against the config file's directory
 * @param relay      how routed bytes are moved
 * @param duplicateLogin allow, kick-old or deny-new: a login whose name is already online anywhere in the cluster
 * @param antiBot    when and how new addresses are asked to reconnect during a flood of logins
 * @param shutdown   what SIGTERM does: drain for a while, or stop at once
 * @param access     the client addresses this node admits at all (routes may narrow it further)
 * @param webhooks   where this node posts its players' logins, logouts and kicks
 */
public record GammaConfig(
        HostPort bind,
        ProxyProtocolConfig proxyProtocol,
        Timeouts timeouts,
        Limits limits,
        UnknownHostConfig unknownHost,
        List<RouteConfig> routes,
        AdminConfig admin,
        ClusterConfig cluster,
        Path dataDir,
        Path pluginsDir,
        String duplicateLogin,
        RelayConfig relay,
        AntiBotConfig antiBot,
        ShutdownConfig shutdown,
        AccessConfig access,
        List<WebhookConfig> webhooks) {

    public GammaConfig {
        routes = List.copyOf(routes);
        access = access == null ? AccessConfig.OPEN : access;
        webhooks = List.copyOf(webhooks);
    }

    /** Stops without a drain; no global access list, no webhooks. */
    public GammaConfig(HostPort bind, ProxyProtocolConfig proxyProtocol, Timeouts timeouts, Limits limits,
            UnknownHostConfig unknownHost, List<RouteConfig> routes, AdminConfig admin, ClusterConfig cluster,
            Path dataDir, Path pluginsDir, String duplicateLogin, RelayConfig relay, AntiBotConfig antiBot) {
        this(bind, proxyProtocol, timeouts, limits, unknownHost, routes, admin, cluster, dataDir, pluginsDir,
                duplicateLogin, relay, antiBot, ShutdownConfig.DEFAULT, AccessConfig.OPEN, List.of());
    }
}

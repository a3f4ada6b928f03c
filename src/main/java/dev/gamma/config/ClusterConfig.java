package dev.gamma.config;

import java.time.Duration;
import java.util.List;

/**
 * @param members       host:port of other nodes, for tcp-ip discovery
 * @param discovery     tcp-ip, multicast or dns
 * @param dnsName       the name to resolve for dns discovery
 * @param nodeTimeout   a silent node is dropped (and its players removed) after this
 * @param publicAddress address other nodes should use to reach this one (host or host:port), "" = the bind
 * @param eventBus      where the clustered event bus listens (kick and broadcast requests); port 0 = any
 * @param secrets       what every value and command shared between nodes is sealed with; required when enabled
 * @param tls           the clustered event bus's TLS files, or {@link ClusterTls#OFF}
 */
public record ClusterConfig(
        boolean enabled,
        String name,
        HostPort bind,
        List<String> members,
        String discovery,
        String dnsName,
        Duration nodeTimeout,
        String publicAddress,
        HostPort eventBus,
        ClusterSecrets secrets,
        ClusterTls tls) {

    public ClusterConfig {
        members = List.copyOf(members);
    }
}

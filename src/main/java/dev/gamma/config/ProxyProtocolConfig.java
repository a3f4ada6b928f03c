package dev.gamma.config;

import java.util.List;

/**
 * Whether the player listener expects a PROXY protocol header (v1 or v2) from a load balancer in front.
 *
 * @param trusted IP addresses or CIDR ranges allowed to send the header; others are refused when enabled
 */
public record ProxyProtocolConfig(boolean enabled, List<String> trusted) {

    public ProxyProtocolConfig {
        trusted = List.copyOf(trusted);
    }
}

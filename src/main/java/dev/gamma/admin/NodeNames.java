package dev.gamma.admin;

import dev.gamma.config.AdminConfig;
import dev.gamma.config.Authority;
import java.util.List;

/**
 * The names a node's admin API answers to. A browser puts the name it looked up in {@code Host}, so a page whose
 * own name was re-pointed at this node (DNS rebinding) shows its name there: only names the operator chose pass.
 * The port is not compared: a port forward (ssh -L, docker -p) changes it, and the name alone stops rebinding.
 */
final class NodeNames {
    private static final List<Authority> LOOPBACK = List.of(
            Authority.parse("localhost"), Authority.parse("127.0.0.1"), Authority.parse("[::1]"));

    private final Authority bind;
    private final boolean wildcard;
    private final List<Authority> allowed;

    NodeNames(AdminConfig config) {
        this.bind = Authority.of(config.bind()).hostOnly();
        this.wildcard = config.bind().isWildcard();
        this.allowed = config.allowedHosts();
    }

    /**
     * Whether a {@code Host} names this node: a loopback name, the bind address, any IP address when bound to
     * every interface (no DNS answer is involved in reaching an address), or an {@code admin.allowed-hosts} entry.
     */
    boolean accepts(Authority host) {
        Authority name = host.hostOnly();
        return LOOPBACK.contains(name) || name.equals(bind) || wildcard && host.isIpLiteral() || listed(host);
    }

    /** Whether {@code admin.allowed-hosts} lists it; an entry without a port stands for every port. */
    boolean listed(Authority authority) {
        return allowed.stream().anyMatch(entry -> entry.port() == Authority.NO_PORT
                ? entry.host().equals(authority.host()) : entry.equals(authority));
    }
}

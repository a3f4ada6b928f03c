package dev.gamma.cluster;

import dev.gamma.config.ClusterConfig;
import dev.gamma.config.HostPort;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a node says its listeners are in the node list ({@code GET /api/nodes}, {@code gamma nodes}). A listener
 * bound to one address announces that address. One bound to every interface ({@code 0.0.0.0}, {@code ::}) is
 * reachable at any of them, and "0.0.0.0" would tell the reader nothing: it announces the host the cluster reaches
 * the node at, {@code cluster.public-address} or else a specific {@code cluster.bind}; standalone, or with a
 * wildcard cluster bind too, an address of the machine's own network interfaces.
 */
public final class AnnouncedAddress {
    private AnnouncedAddress() {}

    /** {@code listener} as the node list shows it. */
    public static String of(HostPort listener, ClusterConfig cluster) {
        return of(listener, cluster, AnnouncedAddress::interfaceAddress);
    }

    /** As {@link #of(HostPort, ClusterConfig)}, with the machine's address from {@code machine}. */
    static String of(HostPort listener, ClusterConfig cluster, Supplier<Optional<String>> machine) {
        if (!listener.isWildcard()) {
            return listener.toString();
        }
        Optional<String> host;
        if (cluster.enabled() && !cluster.publicAddress().isEmpty()) {
            host = Optional.of(ClusterBootstrap.publicHost(cluster.publicAddress()));
        } else if (cluster.enabled() && !cluster.bind().isWildcard()) {
            host = Optional.of(cluster.bind().host());
        } else {
            host = machine.get();
        }
        return new HostPort(host.orElse(listener.host()), listener.port()).toString();
    }

    /** The first IPv4 address (by interface index) of an interface that is up, neither loopback nor link-local. */
    static Optional<String> interfaceAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(AnnouncedAddress::isUp)
                    .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}

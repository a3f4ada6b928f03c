package dev.gamma.relay;

import java.net.InetSocketAddress;

/**
 * Where a connection comes from: the socket's peer, or, behind a load balancer that speaks PROXY protocol, the
 * addresses its header gives, which are believed only from a trusted peer.
 */
final class ClientOrigin {
    private final String peer;
    private final boolean mayClaim;
    private boolean awaitingHeader;
    private Replay.Addresses claimed;

    ClientOrigin(ClientConnection connection, boolean proxyProtocol, TrustedNetworks trusted) {
        this.peer = connection.peerAddress();
        this.awaitingHeader = proxyProtocol;
        this.mayClaim = proxyProtocol && trusted.contains(peer);
    }

    String peer() {
        return peer;
    }

    boolean awaitingHeader() {
        return awaitingHeader;
    }

    /** Takes a header's addresses (null ones: the peer stays the client); false when this peer may not send one. */
    boolean claim(InetSocketAddress source, InetSocketAddress destination) {
        awaitingHeader = false;
        if (!mayClaim) {
            return false;
        }
        if (source != null) {
            claimed = new Replay.Addresses(source, destination);
        }
        return true;
    }

    /** The client's IP as logged, listed and rate-limited. */
    String clientAddress() {
        return claimed == null ? peer : claimed.client().getAddress().getHostAddress();
    }

    /**
     * Who the backend is told it talks to. The connection is asked, not kept: a relayed session must not hold on
     * to what it handed over.
     */
    Replay.Addresses addresses(ClientConnection connection) {
        return claimed != null ? claimed : connection.addresses();
    }
}

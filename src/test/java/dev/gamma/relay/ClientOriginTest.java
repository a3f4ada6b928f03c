package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientOriginTest {
    private static final TrustedNetworks BALANCERS = TrustedNetworks.parse(List.of("10.0.0.0/8"));
    private static final InetSocketAddress PLAYER = new InetSocketAddress("203.0.113.9", 51234);
    private static final InetSocketAddress ENTRY = new InetSocketAddress("198.51.100.1", 25565);

    @Test
    void withoutProxyProtocolThePeerIsTheClient() {
        ClientConnection connection = Connections.from("203.0.113.9");
        ClientOrigin origin = new ClientOrigin(connection, false, BALANCERS);
        assertThat(origin.awaitingHeader()).isFalse();
        assertThat(origin.clientAddress()).isEqualTo("203.0.113.9");
        assertThat(origin.addresses(connection)).isEqualTo(
                new Replay.Addresses(new InetSocketAddress("203.0.113.9", 50_000), Connections.GAMMA));
    }

    @Test
    void aTrustedBalancersHeaderNamesTheClient() {
        ClientConnection connection = Connections.from("10.0.0.2");
        ClientOrigin origin = new ClientOrigin(connection, true, BALANCERS);
        assertThat(origin.awaitingHeader()).isTrue();

        assertThat(origin.claim(PLAYER, ENTRY)).isTrue();

        assertThat(origin.awaitingHeader()).isFalse();
        assertThat(origin.peer()).isEqualTo("10.0.0.2");
        assertThat(origin.clientAddress()).isEqualTo("203.0.113.9");
        assertThat(origin.addresses(connection)).isEqualTo(new Replay.Addresses(PLAYER, ENTRY));
    }

    @Test
    void aHealthChecksLocalHeaderLeavesThePeerAsTheClient() {
        ClientConnection connection = Connections.from("10.0.0.2");
        ClientOrigin origin = new ClientOrigin(connection, true, BALANCERS);
        assertThat(origin.claim(null, null)).isTrue();
        assertThat(origin.clientAddress()).isEqualTo("10.0.0.2");
        assertThat(origin.addresses(connection).client()).isEqualTo(new InetSocketAddress("10.0.0.2", 50_000));
    }

    @Test
    void anUntrustedPeersHeaderIsNotBelievedNotEvenForTheLog() {
        ClientConnection connection = Connections.from("203.0.113.66");
        ClientOrigin origin = new ClientOrigin(connection, true, BALANCERS);

        assertThat(origin.claim(PLAYER, ENTRY)).isFalse();

        assertThat(origin.awaitingHeader()).isFalse();
        assertThat(origin.clientAddress()).isEqualTo("203.0.113.66");
        assertThat(origin.addresses(connection).client().getAddress().getHostAddress()).isEqualTo("203.0.113.66");
    }
}

package dev.gamma.route;

import static dev.gamma.route.Routes.backend;
import static dev.gamma.route.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendBalancerTest {
    private final Backend a = backend(1);
    private final Backend b = backend(2);
    private final Backend c = backend(3);

    @Test
    void firstKeepsConfigOrderSoLaterBackendsAreFailovers() {
        var balancer = new BackendBalancer(bound -> 0);
        Route route = route("r", List.of("r"), Strategy.FIRST, a, b, c);
        assertThat(balancer.order(route)).containsExactly(a, b, c);
        assertThat(balancer.order(route)).containsExactly(a, b, c);
    }

    @Test
    void roundRobinStartsEachConnectionAtTheNextBackend() {
        var balancer = new BackendBalancer(bound -> 0);
        Route route = route("r", List.of("r"), Strategy.ROUND_ROBIN, a, b, c);
        assertThat(balancer.order(route)).containsExactly(a, b, c);
        assertThat(balancer.order(route)).containsExactly(b, c, a);
        assertThat(balancer.order(route)).containsExactly(c, a, b);
        assertThat(balancer.order(route)).containsExactly(a, b, c);
    }

    @Test
    void randomStartsWhereTheRandomSourcePoints() {
        var balancer = new BackendBalancer(bound -> 2);
        Route route = route("r", List.of("r"), Strategy.RANDOM, a, b, c);
        assertThat(balancer.order(route)).containsExactly(c, a, b);
    }

    @Test
    void leastConnectionsPrefersTheIdlestBackendAndTiesKeepConfigOrder() {
        var balancer = new BackendBalancer(bound -> 0);
        Route route = route("r", List.of("r"), Strategy.LEAST_CONNECTIONS, a, b, c);
        balancer.connected(a);
        balancer.connected(a);
        balancer.connected(c);
        assertThat(balancer.order(route)).containsExactly(b, c, a);
        balancer.disconnected(a);
        balancer.disconnected(a);
        assertThat(balancer.order(route)).containsExactly(a, b, c);
        assertThat(balancer.activeConnections(c)).isEqualTo(1);
    }

    @Test
    void leastConnectionsAddsOtherNodesPlayersToThisNodesConnections() {
        FakeFleet fleet = new FakeFleet();
        var balancer = new BackendBalancer(bound -> 0, fleet);
        Route route = route("r", List.of("r"), Strategy.LEAST_CONNECTIONS, a, b, c);
        fleet.elsewhere.put(a, 3);
        fleet.elsewhere.put(b, 1);
        balancer.connected(b);
        balancer.connected(b); // b: 1 elsewhere + 2 here = 3, a: 3, c: 0
        assertThat(balancer.order(route)).containsExactly(c, a, b);
        balancer.connected(c);
        balancer.connected(c);
        balancer.connected(c);
        assertThat(balancer.order(route)).as("ties keep config order").containsExactly(a, b, c);
    }

    @Test
    void aFailedConnectIsNoLongerCountedAndTheFleetHearsOfIt() {
        FakeFleet fleet = new FakeFleet();
        var balancer = new BackendBalancer(bound -> 0, fleet);
        Route route = withHealth(route("r", List.of("r"), Strategy.FIRST, a, b));
        balancer.connected(a);
        balancer.connectFailed(route, a);
        balancer.connected(b);
        balancer.connectSucceeded(route, b);
        assertThat(balancer.activeConnections(a)).isZero();
        assertThat(balancer.activeConnections(b)).isEqualTo(1);
        assertThat(fleet.failed).containsExactly(a);
        assertThat(fleet.succeeded).containsExactly(b);
    }

    @Test
    void aDownBackendIsSkippedByRoutesWithHealthChecksOnly() {
        FakeFleet fleet = new FakeFleet();
        fleet.down.add(a);
        var balancer = new BackendBalancer(bound -> 0, fleet);
        Route checked = withHealth(route("r", List.of("r"), Strategy.FIRST, a, b, c));
        assertThat(balancer.order(checked)).containsExactly(b, c);
        Route unchecked = route("u", List.of("u"), Strategy.FIRST, a, b, c);
        assertThat(balancer.order(unchecked)).as("no health key: today's behaviour").containsExactly(a, b, c);
    }

    @Test
    void whenEveryBackendIsDownAllAreTriedInTheStrategysOrder() {
        FakeFleet fleet = new FakeFleet();
        fleet.down.addAll(List.of(a, b, c));
        var balancer = new BackendBalancer(bound -> 0, fleet);
        Route route = withHealth(route("r", List.of("r"), Strategy.ROUND_ROBIN, a, b, c));
        assertThat(balancer.order(route)).containsExactly(a, b, c);
        assertThat(balancer.order(route)).containsExactly(b, c, a);
    }

    private static Route withHealth(Route r) {
        return new Route(r.name(), r.hosts(), r.backends(), r.strategy(), r.proxyProtocol(), r.rewriteHost(),
                r.maxPlayers(), r.statusCacheTtl(), r.fallback(), r.backendDownMessage(), r.handlers(), r.inspect(),
                r.forwarding(), r.forwardingClientUuid(), r.statusPlayers(),
                new HealthCheck(Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 2));
    }

    private static final class FakeFleet implements BackendBalancer.Fleet {
        final Map<Backend, Integer> elsewhere = new HashMap<>();
        final Set<Backend> down = new HashSet<>();
        final List<Backend> failed = new ArrayList<>();
        final List<Backend> succeeded = new ArrayList<>();

        @Override
        public int playersElsewhere(Backend backend) {
            return elsewhere.getOrDefault(backend, 0);
        }

        @Override
        public boolean down(Backend backend) {
            return down.contains(backend);
        }

        @Override
        public void connectFailed(Route route, Backend backend) {
            failed.add(backend);
        }

        @Override
        public void connectSucceeded(Route route, Backend backend) {
            succeeded.add(backend);
        }
    }
}

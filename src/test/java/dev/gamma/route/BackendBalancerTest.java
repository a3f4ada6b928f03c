package dev.gamma.route;

import static dev.gamma.route.Routes.backend;
import static dev.gamma.route.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}

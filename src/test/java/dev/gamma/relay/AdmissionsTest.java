package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionsTest {
    private static final String LOAD_BALANCER = "10.0.0.2";

    private final AtomicLong now = new AtomicLong();
    private final List<String> ended = new ArrayList<>();
    private final RelayMetrics metrics = new RelayMetrics() {
        @Override
        public void greeting(long nanos) {}

        @Override
        public void connectionEnded(String route, String outcome, long fromClient, long fromBackend) {
            ended.add(outcome);
        }
    };

    /** Rate 1/s, burst 2: two connections admitted, two more told "too fast", then closed at accept. */
    private Admissions admissions(int maxGreetingPerIp, int maxGreeting, String... trusted) {
        ProxySettings settings = Connections.settings(maxGreetingPerIp, maxGreeting, trusted);
        return new Admissions(new RateLimiter(1, 2, now::get), () -> settings, metrics);
    }

    @Test
    void pastItsRateAnAddressIsFirstToldThenClosedUnread() {
        Admissions admissions = admissions(100, 100);
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ClientConnection connection = Connections.from("203.0.113.9");
            Admissions.Admission admission = admissions.accept(connection, false);
            verdicts.add(admission == null ? "closed" : admission.rateLimited() ? "told" : "served");
            assertThat(connection.channel().isOpen()).isEqualTo(admission != null);
        }
        assertThat(verdicts).containsExactly("served", "served", "told", "told", "closed");
        assertThat(ended).containsExactly("rate-limited");
        assertThat(admissions.accept(Connections.from("198.51.100.4"), false).rateLimited())
                .as("another address has its own budget").isFalse();
    }

    @Test
    void anAddressMayHoldOnlySoManyConnectionsInTheirGreeting() {
        Admissions admissions = admissions(1, 100);
        Admissions.Admission first = admissions.accept(Connections.from("203.0.113.9"), false);
        assertThat(admissions.accept(Connections.from("203.0.113.9"), false)).isNull();

        first.done();
        now.addAndGet(10_000_000_000L); // the budget refilled: only the greeting cap is tested
        assertThat(admissions.accept(Connections.from("203.0.113.9"), false)).as("its place came free").isNotNull();
    }

    @Test
    void aFullNodeClosesNewcomersWithoutSpendingTheirBudget() {
        Admissions admissions = admissions(100, 1);
        Admissions.Admission holder = admissions.accept(Connections.from("198.51.100.4"), false);
        for (int i = 0; i < 10; i++) {
            assertThat(admissions.accept(Connections.from("203.0.113.9"), false)).isNull();
        }
        holder.done();
        assertThat(admissions.accept(Connections.from("203.0.113.9"), false).rateLimited())
                .as("closes while the node was full cost the address no tokens").isFalse();
        assertThat(admissions.inGreeting()).isEqualTo(1);
    }

    @Test
    void behindALoadBalancerOnlyATrustedPeerIsServedAndItsClientsAreJudgedByTheirHeader() {
        Admissions admissions = admissions(1, 100, LOAD_BALANCER);
        ClientConnection stranger = Connections.from("203.0.113.9");
        assertThat(admissions.accept(stranger, true)).isNull();
        assertThat(stranger.channel().isOpen()).isFalse();
        assertThat(ended).containsExactly("untrusted-proxy");

        Admissions.Admission first = admissions.accept(Connections.from(LOAD_BALANCER), true);
        Admissions.Admission second = admissions.accept(Connections.from(LOAD_BALANCER), true);
        assertThat(first.claim("203.0.113.9")).isNull();
        assertThat(second.claim("203.0.113.9")).contains("max-greeting-per-ip");
        assertThat(second.claim("198.51.100.4")).as("another client of the same balancer").isNull();
    }

    @Test
    void aClaimedAddressPastItsRateIsToldOrClosed() {
        Admissions admissions = admissions(100, 100, LOAD_BALANCER);
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Admissions.Admission admission = admissions.accept(Connections.from(LOAD_BALANCER), true);
            String closed = admission.claim("203.0.113.9");
            verdicts.add(closed != null ? "closed" : admission.rateLimited() ? "told" : "served");
        }
        assertThat(verdicts).containsExactly("served", "served", "told", "told", "closed");
    }
}

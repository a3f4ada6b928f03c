package dev.gamma.cluster;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.ClusterConfig;
import dev.gamma.config.ClusterTls;
import dev.gamma.config.HostPort;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterBootstrapTest {
    @TempDir
    Path dir;

    @Test
    void aDisabledClusterGivesAPlainVertxAndTheStandaloneCrosstalk() {
        ClusterNode node = await(ClusterBootstrap.start(ClusterFixture.config(cluster(false, "127.0.0.1:0", ""), dir),
                new VertxOptions()));
        try {
            assertThat(node.vertx().isClustered()).isFalse();
            assertThat(node.crosstalk()).isInstanceOf(StandaloneCrosstalk.class);
        } finally {
            await(node.vertx().close());
        }
    }

    @Test
    void theEventBusListensWhereConfiguredAndAnnouncesThePublicHost() {
        EventBusOptions options = ClusterBootstrap.eventBus(new VertxOptions(),
                cluster(true, "10.0.0.5:5801", "203.0.113.5:5701")).getEventBusOptions();
        assertThat(options.getHost()).isEqualTo("10.0.0.5");
        assertThat(options.getPort()).isEqualTo(5801);
        assertThat(options.getClusterPublicHost()).isEqualTo("203.0.113.5");
    }

    @Test
    void aWildcardEventBusHostIsLeftToVertxSoThatNoNodeIsToldToConnectTo0000() {
        EventBusOptions options = ClusterBootstrap.eventBus(new VertxOptions(), cluster(true, "0.0.0.0:0", ""))
                .getEventBusOptions();
        assertThat(options.getHost()).isEqualTo(new EventBusOptions().getHost());
        assertThat(options.getClusterPublicHost()).isNull();
    }

    @Test
    void thePublicHostIsTakenFromAHostOrHostPort() {
        assertThat(ClusterBootstrap.publicHost("gamma-1.example.com")).isEqualTo("gamma-1.example.com");
        assertThat(ClusterBootstrap.publicHost("203.0.113.5:5701")).isEqualTo("203.0.113.5");
        assertThat(ClusterBootstrap.publicHost("[2001:db8::1]:5701")).isEqualTo("2001:db8::1");
    }

    private static ClusterConfig cluster(boolean enabled, String eventBus, String publicAddress) {
        return new ClusterConfig(enabled, "gamma", new HostPort("127.0.0.1", 5701), List.of(), "tcp-ip", "",
                Duration.ofSeconds(10), publicAddress, HostPort.parse(eventBus), ClusterFixture.SECRETS, ClusterTls.OFF);
    }
}

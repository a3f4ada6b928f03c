package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.instance.EndpointQualifier;
import dev.gamma.config.ClusterConfig;
import dev.gamma.config.ClusterTls;
import dev.gamma.config.HostPort;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazelcastSettingsTest {

    @Test
    void dnsDiscoveryTurnsEachAddressOfTheNameIntoAMemberAtTheClusterPort() throws UnknownHostException {
        assertThat(HazelcastSettings.resolve("localhost", 5701)).contains("127.0.0.1:5701")
                .allMatch(member -> member.endsWith(":5701"));
        assertThat(HazelcastSettings.members(cluster("dns", "localhost", List.of(), "0.0.0.0")))
                .contains("127.0.0.1:5701");
    }

    @Test
    void aNameThatDoesNotResolveYetLeavesThisNodeToStartTheCluster() {
        assertThat(HazelcastSettings.members(cluster("dns", "no-such-host.invalid", List.of(), "10.0.0.5")))
                .containsExactly("10.0.0.5:5701");
    }

    @Test
    void tcpIpMembersIncludeThisNodeUnlessItBindsEveryInterface() {
        assertThat(HazelcastSettings.members(cluster("tcp-ip", "", List.of("10.0.0.6:5701"), "10.0.0.5")))
                .containsExactly("10.0.0.6:5701", "10.0.0.5:5701");
        assertThat(HazelcastSettings.members(cluster("tcp-ip", "", List.of("10.0.0.6:5701"), "0.0.0.0")))
                .containsExactly("10.0.0.6:5701");
        assertThat(HazelcastSettings.members(cluster("multicast", "", List.of(), "10.0.0.5"))).isEmpty();
    }

    @Test
    void theMemberBindsOneInterfaceOnAFixedPortAndJoinsAsConfigured() {
        ClusterConfig cluster = cluster("tcp-ip", "", List.of("10.0.0.6:5701"), "10.0.0.5");
        Config config = HazelcastSettings.config(cluster, List.of("10.0.0.6:5701", "10.0.0.5:5701"));
        assertThat(config.getClusterName()).isEqualTo("gamma");
        ServerSocketEndpointConfig member = (ServerSocketEndpointConfig) config.getAdvancedNetworkConfig()
                .getEndpointConfigs().get(EndpointQualifier.MEMBER);
        assertThat(member.getPort()).isEqualTo(5701);
        assertThat(member.isPortAutoIncrement()).isFalse();
        assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("10.0.0.5");
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        JoinConfig join = config.getAdvancedNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.6:5701", "10.0.0.5:5701");
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();

        Config multicast = HazelcastSettings.config(cluster("multicast", "", List.of(), "10.0.0.5"), List.of());
        assertThat(multicast.getAdvancedNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isTrue();
        assertThat(multicast.getAdvancedNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isFalse();
    }

    @Test
    void theMemberPortServesMembersOnlyAndJavaDeserializationIsFiltered() {
        Config config = HazelcastSettings.config(cluster("tcp-ip", "", List.of(), "127.0.0.1"), List.of());
        assertThat(config.getAdvancedNetworkConfig().isEnabled()).isTrue();
        assertThat(config.getAdvancedNetworkConfig().getEndpointConfigs()).containsOnlyKeys(EndpointQualifier.MEMBER);
        assertThat(config.getAdvancedNetworkConfig().getRestEndpointConfig()).isNull();
        JavaSerializationFilterConfig filter = config.getSerializationConfig().getJavaSerializationFilterConfig();
        assertThat(filter.isDefaultsDisabled()).isTrue();
        assertThat(filter.getWhitelist().getPrefixes()).containsExactlyInAnyOrderElementsOf(
                HazelcastSettings.DESERIALIZABLE_PREFIXES);
        assertThat(filter.getWhitelist().getPrefixes()).noneMatch(p -> p.startsWith("javax") || p.startsWith("dev"));
    }

    @Test
    void heartbeatsDecideWhenASilentNodeIsDroppedAndPhoneHomeIsOff() {
        ClusterConfig cluster = new ClusterConfig(true, "gamma", new HostPort("127.0.0.1", 5701), List.of(),
                "tcp-ip", "", Duration.ofMillis(2_500), "203.0.113.5:5701", new HostPort("127.0.0.1", 0),
                ClusterFixture.SECRETS, ClusterTls.OFF);
        Config config = HazelcastSettings.config(cluster, List.of());
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("3");
        assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
        assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("203.0.113.5:5701");
        assertThat(((ServerSocketEndpointConfig) config.getAdvancedNetworkConfig().getEndpointConfigs()
                .get(EndpointQualifier.MEMBER)).getPublicAddress()).isEqualTo("203.0.113.5:5701");
    }

    private static ClusterConfig cluster(String discovery, String dnsName, List<String> members, String bindHost) {
        return new ClusterConfig(true, "gamma", new HostPort(bindHost, 5701), members, discovery, dnsName,
                Duration.ofSeconds(10), "", new HostPort(bindHost, 0), ClusterFixture.SECRETS, ClusterTls.OFF);
    }
}

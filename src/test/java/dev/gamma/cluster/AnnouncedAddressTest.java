package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.ClusterConfig;
import dev.gamma.config.ClusterTls;
import dev.gamma.config.HostPort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnnouncedAddressTest {
    private static final Supplier<Optional<String>> MACHINE = () -> Optional.of("192.0.2.7");
    private static final Supplier<Optional<String>> NO_MACHINE_ADDRESS = Optional::empty;

    static Stream<Arguments> listeners() {
        return Stream.of(
                // listener, cluster enabled, cluster bind host, public-address, machine → announced
                Arguments.of("10.0.0.5:25565", true, "10.0.0.9", "", MACHINE, "10.0.0.5:25565"),
                Arguments.of("127.0.0.1:8080", true, "10.0.0.9", "203.0.113.1", MACHINE, "127.0.0.1:8080"),
                Arguments.of("[::1]:8080", false, "127.0.0.1", "", MACHINE, "[::1]:8080"),
                // a wildcard: the address the cluster reaches the node at
                Arguments.of("0.0.0.0:25565", true, "172.16.56.11", "", MACHINE, "172.16.56.11:25565"),
                Arguments.of("0.0.0.0:8080", true, "172.16.56.11", "", MACHINE, "172.16.56.11:8080"),
                Arguments.of("0.0.0.0:25565", true, "127.0.0.1", "", MACHINE, "127.0.0.1:25565"),
                Arguments.of("0.0.0.0:25565", true, "0.0.0.0", "203.0.113.1:5701", MACHINE, "203.0.113.1:25565"),
                Arguments.of("0.0.0.0:25565", true, "10.0.0.9", "gamma-1.example.com", MACHINE,
                        "gamma-1.example.com:25565"),
                Arguments.of("[::]:25565", true, "0.0.0.0", "[2001:db8::5]:5701", MACHINE, "[2001:db8::5]:25565"),
                // no cluster address to go by: the machine's own
                Arguments.of("0.0.0.0:25565", true, "0.0.0.0", "", MACHINE, "192.0.2.7:25565"),
                Arguments.of("0.0.0.0:25565", false, "127.0.0.1", "", MACHINE, "192.0.2.7:25565"),
                Arguments.of("0.0.0.0:25565", false, "10.0.0.9", "203.0.113.1", MACHINE, "192.0.2.7:25565"),
                // nothing better known: the bind as it is
                Arguments.of("0.0.0.0:25565", false, "127.0.0.1", "", NO_MACHINE_ADDRESS, "0.0.0.0:25565"));
    }

    @ParameterizedTest(name = "{0} (cluster {1}, bind {2}, public {3}) → {5}")
    @MethodSource("listeners")
    void aWildcardListenerAnnouncesTheAddressTheClusterKnowsTheNodeBy(String listener, boolean enabled,
            String clusterBind, String publicAddress, Supplier<Optional<String>> machine, String announced) {
        ClusterConfig cluster = new ClusterConfig(enabled, "gamma", new HostPort(clusterBind, 5701), List.of(),
                "tcp-ip", "", Duration.ofSeconds(10), publicAddress, new HostPort(clusterBind, 0),
                ClusterFixture.SECRETS, ClusterTls.OFF);

        assertThat(AnnouncedAddress.of(HostPort.parse(listener), cluster, machine)).isEqualTo(announced);
    }

    @Test
    void theMachinesAddressIsAnIpv4AddressOfAnInterfaceThatIsUpAndNotLoopback() {
        Optional<String> address = AnnouncedAddress.interfaceAddress();

        address.ifPresent(a -> assertThat(HostPort.parse(a + ":1").isLoopback()).as(a).isFalse());
        address.ifPresent(a -> assertThat(a).matches("\\d{1,3}(\\.\\d{1,3}){3}").doesNotStartWith("169.254."));
    }
}

package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrustedNetworksTest {
    private final TrustedNetworks trusted =
            TrustedNetworks.parse(List.of("10.0.0.0/8", "192.168.1.7", "172.16.0.0/12", "fd00::/8", "127.0.0.1/32"));

    @ParameterizedTest(name = "{0} trusted: {1}")
    @CsvSource({
        "10.1.2.3, true",
        "11.0.0.1, false",
        "192.168.1.7, true",
        "192.168.1.8, false",
        "172.31.255.255, true",
        "172.32.0.0, false",
        "fd12:3456::1, true",
        "fe80::1, false",
        "127.0.0.1, true",
        "::ffff:10.9.9.9, true",
        "::ffff:11.9.9.9, false",
    })
    void containsMatchesCidrRanges(String address, boolean expected) {
        assertThat(trusted.contains(address)).isEqualTo(expected);
    }

    @Test
    void hostnamesAreNotAcceptedAsRanges() {
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of("lb.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IP address");
    }

    @Test
    void prefixLongerThanTheAddressIsRefused() {
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

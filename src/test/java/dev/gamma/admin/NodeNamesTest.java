package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.AdminConfig;
import dev.gamma.config.Authority;
import dev.gamma.config.HostPort;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeNamesTest {
    @ParameterizedTest(name = "bound to {0}, listing [{1}]: Host {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:8080 | | 127.0.0.1:8080 | true",
        "127.0.0.1:8080 | | localhost:8080 | true",
        "127.0.0.1:8080 | | localhost:9000 | true", // a port forward
        "127.0.0.1:8080 | | [::1]:8080 | true",
        "127.0.0.1:8080 | | 127.0.0.2:8080 | false",
        "127.0.0.1:8080 | | rebind.example:8080 | false",
        "127.0.0.1:8080 | | localhost.rebind.example | false",
        "127.0.0.1:8080 | | 10.0.0.5:8080 | false",
        "10.0.0.5:8080 | | 10.0.0.5:8080 | true",
        "10.0.0.5:8080 | | 10.0.0.6:8080 | false",
        "[fd00::5]:8080 | | [FD00:0::5]:8080 | true",
        "gamma-1:8080 | | GAMMA-1:8080 | true",
        "0.0.0.0:8080 | | 192.168.1.20:8081 | true",
        "0.0.0.0:8080 | | [fd00::9] | true",
        "[::]:8080 | | 10.1.1.1 | true",
        "0.0.0.0:8080 | | gamma.example.com | false",
        "0.0.0.0:8080 | gamma.example.com | gamma.example.com:443 | true",
        "0.0.0.0:8080 | gamma.example.com | www.gamma.example.com | false",
        "0.0.0.0:8080 | gamma.example.com:8443 | gamma.example.com:8443 | true",
        "0.0.0.0:8080 | gamma.example.com:8443 | gamma.example.com | false",
        "0.0.0.0:8080 | a.example, b.example | b.example | true",
    })
    void aHostMustNameTheNode(String bind, String allowed, String host, boolean accepted) {
        var listed = allowed == null ? List.<Authority>of()
                : Arrays.stream(allowed.split(",")).map(Authority::parse).toList();
        NodeNames names = new NodeNames(new AdminConfig(HostPort.parse(bind), "", listed));

        assertThat(names.accepts(Authority.parse(host))).isEqualTo(accepted);
    }
}

package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.AdminConfig;
import dev.gamma.config.HostPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindPolicyTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true", "127.1.2.3, true", "localhost, true", "LOCALHOST, true", "::1, true",
        "0:0:0:0:0:0:0:1, true", "::ffff:127.0.0.1, true",
        "0.0.0.0, false", "::, false", "10.0.0.5, false", "128.0.0.1, false", "127.0.0.256, false",
        "localhost.example.com, false", "example.com, false", "1::1, false", "'', false",
    })
    void loopbackMeansOnlyThisMachine(String host, boolean loopback) {
        assertThat(BindPolicy.isLoopback(host)).isEqualTo(loopback);
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, '', false", "0.0.0.0, s3cret, false",
        "0.0.0.0, '', true", "0.0.0.0, '  ', true", "example.com, '', true",
    })
    void aTokenIsRequiredOffLoopback(String host, String token, boolean refused) {
        var refusal = BindPolicy.refusal(new AdminConfig(new HostPort(host, 8080), token));

        assertThat(refusal.isPresent()).isEqualTo(refused);
        refusal.ifPresent(message -> assertThat(message).startsWith("admin.token: "));
    }
}

package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminConfigTest {
    private static final String LONG = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true", "127.1.2.3, true", "localhost, true", "LOCALHOST, true", "::1, true",
        "0:0:0:0:0:0:0:1, true", "::ffff:127.0.0.1, true",
        "0.0.0.0, false", "::, false", "10.0.0.5, false", "128.0.0.1, false", "127.0.0.256, false",
        "localhost.example.com, false", "example.com, false", "1::1, false", "'', false",
    })
    void loopbackMeansOnlyThisMachine(String host, boolean loopback) {
        assertThat(new HostPort(host, 8080).isLoopback()).isEqualTo(loopback);
    }

    @ParameterizedTest
    @CsvSource({"0.0.0.0, true", "::, true", "0:0:0:0:0:0:0:0, true", "127.0.0.1, false", "10.0.0.5, false",
        "gamma.example.com, false"})
    void wildcardMeansEveryInterface(String host, boolean wildcard) {
        assertThat(new HostPort(host, 8080).isWildcard()).isEqualTo(wildcard);
    }

    @ParameterizedTest(name = "{0} with \"{1}\": {2}")
    @CsvSource({
        "127.0.0.1, '', ''", "127.0.0.1, s3cret, ''", "::1, change-me-gamma-demo-token, ''",
        "0.0.0.0, " + LONG + ", ''",
        "0.0.0.0, '', must be set when admin.bind (0.0.0.0:8080) is not a loopback address",
        "0.0.0.0, '  ', must be set", "example.com, '', must be set",
        "0.0.0.0, s3cret, is 6 characters long; with admin.bind (0.0.0.0:8080) off loopback it must be at least 32",
        "10.0.0.5, 0123456789abcdef0123456789abcde, is 31 characters long",
        "0.0.0.0, change-me-gamma-demo-token, is the example token of docker/cluster.env.example",
    })
    void offLoopbackTheTokenMustBeSetLongAndNotTheExample(String host, String token, String problem) {
        var found = new AdminConfig(new HostPort(host, 8080), token).tokenProblem();

        assertThat(found.orElse("")).startsWith(problem);
        if (!token.isBlank()) {
            assertThat(found.orElse("")).as("the token is never shown").doesNotContain(token);
        }
    }

    @Test
    void theTokenRuleNamesTheFileLineOrVariable() {
        Path file = dir.resolve("gamma.yaml");

        assertThat(Fixture.problems(file, "admin:\n  bind: 0.0.0.0:8080\n  token: s3cret\n", Map.of()))
                .containsExactly(file + ":3: admin.token: is 6 characters long; with admin.bind (0.0.0.0:8080) off"
                        + " loopback it must be at least 32 (make one with: openssl rand -hex 32)");
        assertThat(Fixture.problems(file, "admin: {bind: 0.0.0.0:8080}\n", Map.of("GAMMA_ADMIN_TOKEN",
                AdminConfig.EXAMPLE_TOKEN))).singleElement().asString()
                .startsWith("env GAMMA_ADMIN_TOKEN: admin.token: is the example token");
        assertThat(Fixture.problems(file, "admin:\n  bind: 10.0.0.5:8080\n", Map.of())).singleElement().asString()
                .startsWith(file + ":2: admin.token: must be set when admin.bind (10.0.0.5:8080) is not a loopback");
        assertThat(Fixture.problems(file, "# admin from the environment\n", Map.of("GAMMA_ADMIN_BIND", "[::]:8080")))
                .singleElement().asString()
                .startsWith("env GAMMA_ADMIN_BIND: admin.token: must be set when admin.bind ([::]:8080)");
        assertThat(Fixture.problems(file, "admin: {bind: 0.0.0.0:8080, token: " + LONG + "}\n", Map.of())).isEmpty();
    }

    @Test
    void allowedHostsAreHostsWithAnOptionalPortFromTheFileOrTheEnvironment() {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "admin: {allowed-hosts: [Gamma.Example.com., "
                + "\"10.0.0.5:8080\", \"[FD00::1]\"]}\n");

        assertThat(Fixture.parse(file, Map.of()).admin().allowedHosts()).containsExactly(
                new Authority("gamma.example.com", Authority.NO_PORT), new Authority("10.0.0.5", 8080),
                new Authority("fd00:0:0:0:0:0:0:1", Authority.NO_PORT));
        assertThat(Fixture.parse(file, Map.of("GAMMA_ADMIN_ALLOWED_HOSTS", "a.example, b.example:443")).admin()
                .allowedHosts()).containsExactly(new Authority("a.example", Authority.NO_PORT),
                new Authority("b.example", 443));
        assertThat(Fixture.problems(file, "admin:\n  allowed-hosts: [\"a b\", \"x:99999\", \"http://x\"]\n",
                Map.of())).containsExactly(
                file + ":2: admin.allowed-hosts[0]: \"a b\" is not a host or host:port (IPv6 in brackets: [::1]:8080)",
                file + ":2: admin.allowed-hosts[1]: \"x:99999\" is not a host or host:port (IPv6 in brackets:"
                        + " [::1]:8080)",
                file + ":2: admin.allowed-hosts[2]: \"http://x\" is not a host or host:port (IPv6 in brackets:"
                        + " [::1]:8080)");
    }

    @ParameterizedTest
    @CsvSource({
        "localhost, localhost, -1", "LocalHost.:8080, localhost, 8080", "127.0.0.1:80, 127.0.0.1, 80",
        "[::1]:8080, 0:0:0:0:0:0:0:1, 8080", "[::1], 0:0:0:0:0:0:0:1, -1", "gamma-1:8080, gamma-1, 8080",
    })
    void anAuthorityIsAHostAndAnOptionalPort(String text, String host, int port) {
        assertThat(Authority.parse(text)).isEqualTo(new Authority(host, port));
    }

    @ParameterizedTest
    @CsvSource({"''", "a b", "host:", "host:0", "host:65536", "host:8o", "::1", "[::1", "[::1]x", "[nope]:1",
        "a:1:2", "evil.example/x", "user@host", "*.example.com"})
    void anythingElseIsNotAnAuthority(String text) {
        assertThatThrownBy(() -> Authority.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a host or host:port");
    }

    @Test
    void aBindAddressIsAnAuthorityOfTheSameForm() {
        assertThat(Authority.of(new HostPort("::1", 8080))).isEqualTo(Authority.parse("[::1]:8080"));
        assertThat(Authority.of(new HostPort("Gamma.Local", 8080))).isEqualTo(Authority.parse("gamma.local:8080"));
        assertThat(List.of(Authority.parse("[::1]:8080").toString(), Authority.parse("a.example").toString()))
                .containsExactly("[0:0:0:0:0:0:0:1]:8080", "a.example");
    }
}

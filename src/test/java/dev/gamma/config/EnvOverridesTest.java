package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvOverridesTest {
    @TempDir
    Path dir;

    @Test
    void variableNamesAreTheKeyPathUpperCasedWithUnderscores() {
        assertThat(EnvOverrides.variable("bind")).isEqualTo("GAMMA_BIND");
        assertThat(EnvOverrides.variable("limits.per-ip-rate")).isEqualTo("GAMMA_LIMITS_PER_IP_RATE");
        assertThat(EnvOverrides.variable("proxy-protocol.enabled")).isEqualTo("GAMMA_PROXY_PROTOCOL_ENABLED");
    }

    @Test
    void overridesWinOverTheFileAndFillMissingSections() {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), """
                bind: 0.0.0.0:1
                admin: {token: from-file}
                cluster: {members: [c:3]}
                """);
        GammaConfig config = Fixture.parse(file, Map.ofEntries(
                Map.entry("GAMMA_BIND", "127.0.0.1:2"),
                Map.entry("GAMMA_ADMIN_TOKEN", "from-env"),
                Map.entry("GAMMA_CLUSTER_MEMBERS", " a:1, b:2 ,"),
                Map.entry("GAMMA_CLUSTER_ENABLED", "true"),
                Map.entry("GAMMA_CLUSTER_SECRET", "0123456789abcdef0123456789abcdef"),
                Map.entry("GAMMA_CLUSTER_NODE_TIMEOUT", "30s"),
                Map.entry("GAMMA_LIMITS_PER_IP_RATE", "2.5"),
                Map.entry("GAMMA_PROXY_PROTOCOL_ENABLED", "TRUE"),
                Map.entry("GAMMA_PROXY_PROTOCOL_TRUSTED", "172.16.0.0/12,192.168.1.1"),
                Map.entry("GAMMA_UNKNOWN_HOST_DISCONNECT", "Go away"),
                Map.entry("GAMMA_DATA_DIR", "/srv/gamma"),
                Map.entry("GAMMA_PLUGINS_DIR", "/srv/plugins")));
        assertThat(config.bind()).isEqualTo(new HostPort("127.0.0.1", 2));
        assertThat(config.admin().token()).isEqualTo("from-env");
        assertThat(config.cluster().members()).containsExactly("a:1", "b:2");
        assertThat(config.cluster().enabled()).isTrue();
        assertThat(config.cluster().nodeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.limits().perIpRate()).isEqualTo(2.5);
        assertThat(config.proxyProtocol()).isEqualTo(
                new ProxyProtocolConfig(true, List.of("172.16.0.0/12", "192.168.1.1")));
        assertThat(config.unknownHost().disconnect()).isEqualTo("Go away");
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/gamma"));
        assertThat(config.pluginsDir()).isEqualTo(Path.of("/srv/plugins"));
    }

    @Test
    void anEmptyValueClearsAStringOrAList() {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "admin: {token: t}\ncluster: {members: [a:1]}\n");
        GammaConfig config = Fixture.parse(file, Map.of("GAMMA_ADMIN_TOKEN", "", "GAMMA_CLUSTER_MEMBERS", ""));
        assertThat(config.admin().token()).isEmpty();
        assertThat(config.cluster().members()).isEmpty();
    }

    @Test
    void badValuesAreReportedWithTheVariableName() {
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, "", Map.of(
                "GAMMA_LIMITS_PER_IP_RATE", "-1",
                "GAMMA_CLUSTER_MEMBERS", "a:1,nowhere",
                "GAMMA_PROXY_PROTOCOL_ENABLED", "maybe"))).containsExactlyInAnyOrder(
                "env GAMMA_LIMITS_PER_IP_RATE: limits.per-ip-rate: must be > 0, got -1",
                "env GAMMA_CLUSTER_MEMBERS: cluster.members[1]: \"nowhere\" is not host:port",
                "env GAMMA_PROXY_PROTOCOL_ENABLED: proxy-protocol.enabled: expected true or false, got \"maybe\"");
    }

    @Test
    void anEnvValueOverridesABadFileValueWithoutAProblem() {
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, "bind: nowhere\n", Map.of("GAMMA_BIND", "0.0.0.0:1"))).isEmpty();
    }

    @Test
    void unknownVariablesAreIgnoredAndListedWithASuggestion() {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "");
        EnvOverrides env = new EnvOverrides(Map.of(
                "GAMMA_LIMTS_PER_IP_RATE", "1",
                "GAMMA_ROUTES", "x",
                "GAMMA_API", "http://localhost:8080",
                "GAMMA_TOKEN", "t",
                "GAMMA_CONFIG", "conf/other.yaml",
                "GAMMA_OPTS", "-Xmx1g",
                "PATH", "/usr/bin"));
        GammaConfig config = new ConfigParser(file, env).parse(Fixture.content(file));
        assertThat(config).isEqualTo(ConfigReadingTest.defaults(dir));
        assertThat(env.unknown()).containsExactly(
                "GAMMA_LIMTS_PER_IP_RATE is not a setting; ignoring it (did you mean GAMMA_LIMITS_PER_IP_RATE?)",
                "GAMMA_ROUTES is not a setting; ignoring it");
    }

    @Test
    void routesAreNotReachedByTheEnvironment() {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "routes: [{host: a, backend: a:1}]\n");
        EnvOverrides env = new EnvOverrides(Map.of("GAMMA_ROUTES_0_BACKEND", "b:2"));
        GammaConfig config = new ConfigParser(file, env).parse(Fixture.content(file));
        assertThat(config.routes().get(0).backends()).containsExactly(new HostPort("a", 1));
        assertThat(env.unknown()).singleElement().asString().startsWith("GAMMA_ROUTES_0_BACKEND is not a setting");
    }
}

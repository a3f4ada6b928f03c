package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster.secret}, {@code cluster.secret-file} and {@code cluster.tls}: required, checked, never shown. */
class ClusterSecretsConfigTest {
    private static final String SECRET = "s3cr3t-0123456789-abcdefghijklmnop";
    private static final String OLD = "old-0123456789-abcdefghijklmnopqrstu";

    @TempDir
    Path dir;

    @Test
    void aClusteredNodeWithoutASecretIsRefusedNamingTheKey() {
        assertThat(problems("cluster:\n  enabled: true\n", Map.of())).containsExactly(
                "F:2: cluster.secret: is required when cluster.enabled is true: at least 32 characters, the same on"
                        + " every node, or cluster.secret-file (make one with: openssl rand -base64 32)");
    }

    @Test
    void aStandaloneNodeNeedsNoSecret() {
        assertThat(Fixture.parse(dir, "cluster: {enabled: false}\n").cluster().secrets().isEmpty()).isTrue();
    }

    @Test
    void aShortSecretIsRefusedWithoutBeingQuoted() {
        List<String> problems = problems("cluster:\n  enabled: true\n  secret: short-but-secret\n", Map.of());
        assertThat(problems).containsExactly("F:3: cluster.secret: is 16 characters long; it must be at least 32"
                + " (make one with: openssl rand -base64 32)");
        assertThat(String.join("\n", problems)).doesNotContain("short-but-secret");
    }

    @Test
    void theSecretComesFromTheEnvironmentAndAListRotates() {
        GammaConfig one = parse("cluster: {enabled: true}\n", Map.of("GAMMA_CLUSTER_SECRET", SECRET));
        assertThat(one.cluster().secrets().values()).containsExactly(SECRET);
        GammaConfig two = parse("cluster: {enabled: true}\n", Map.of("GAMMA_CLUSTER_SECRET", SECRET + "," + OLD));
        assertThat(two.cluster().secrets().values()).containsExactly(SECRET, OLD);
        GammaConfig yaml = parse("cluster: {enabled: true, secret: [%s, %s]}\n".formatted(SECRET, OLD), Map.of());
        assertThat(yaml.cluster().secrets().values()).containsExactly(SECRET, OLD);
    }

    @Test
    void thePublicExampleAndSecretsWithACommaAreRefused() {
        assertThat(problems("cluster: {enabled: true}\n", Map.of("GAMMA_CLUSTER_SECRET", ClusterSecrets.EXAMPLE)))
                .singleElement().asString().startsWith("env GAMMA_CLUSTER_SECRET: cluster.secret: is the public"
                        + " example of docker/cluster.env.example");
        assertThat(problems("cluster: {enabled: true, secret: [\"%s,x\"]}\n".formatted(SECRET), Map.of()))
                .singleElement().asString().contains("cluster.secret[0]: must not contain a comma");
    }

    @Test
    void moreThanTwoSecretsAreRefused() {
        assertThat(problems("cluster: {enabled: true, secret: [%s, %s, %s]}\n".formatted(SECRET, OLD, SECRET + "x"),
                Map.of())).singleElement().asString()
                .startsWith("F:1: cluster.secret[0]: lists 3 secrets; at most 2");
    }

    @Test
    void aSecretFileIsReadNextToTheConfigFileOneSecretPerLine() throws Exception {
        Files.writeString(dir.resolve("cluster.secret"), "\n" + SECRET + "\n  " + OLD + "  \n\n");
        GammaConfig config = parse("cluster: {enabled: true, secret-file: cluster.secret}\n", Map.of());
        assertThat(config.cluster().secrets().values()).containsExactly(SECRET, OLD);
    }

    @Test
    void aMissingOrShortSecretFileIsRefusedNamingTheKeyAndTheFile() throws Exception {
        assertThat(problems("cluster: {enabled: true, secret-file: nowhere}\n", Map.of())).containsExactly(
                "F:1: cluster.secret-file: " + dir.resolve("nowhere") + " does not exist");
        Files.writeString(dir.resolve("short"), "tiny-secret\n");
        List<String> problems = problems("cluster: {enabled: true, secret-file: short}\n", Map.of());
        assertThat(problems).singleElement().asString().startsWith("F:1: cluster.secret-file (" + dir.resolve("short")
                + " line 1): is 11 characters long").doesNotContain("tiny-secret");
    }

    @Test
    void aSecretAndASecretFileTogetherAreRefused() throws Exception {
        Files.writeString(dir.resolve("s"), SECRET);
        assertThat(problems("cluster:\n  enabled: true\n  secret: %s\n  secret-file: s\n".formatted(SECRET),
                Map.of())).containsExactly(
                "F:4: cluster.secret-file: set either cluster.secret or cluster.secret-file, not both");
    }

    @Test
    void theConfigurationNeverPrintsItsSecrets() {
        GammaConfig config = parse("cluster: {enabled: true, secret: %s}\n".formatted(SECRET), Map.of());
        assertThat(config.toString()).doesNotContain(SECRET).contains("ClusterSecrets[1 redacted]");
    }

    @Test
    void tlsNeedsAllThreeFilesAndTheyMustExist() throws Exception {
        assertThat(problems("cluster:\n  tls: {cert: c.pem}\n", Map.of())).containsExactly(
                "F:2: cluster.tls.key: is required when cluster.tls is set (cert, key and ca: PEM files)",
                "F:2: cluster.tls.ca: is required when cluster.tls is set (cert, key and ca: PEM files)");
        assertThat(problems("cluster:\n  tls: {cert: c.pem, key: k.pem, ca: ca.pem}\n", Map.of())).containsExactly(
                "F:2: cluster.tls.cert: " + dir.resolve("c.pem") + " does not exist",
                "F:2: cluster.tls.key: " + dir.resolve("k.pem") + " does not exist",
                "F:2: cluster.tls.ca: " + dir.resolve("ca.pem") + " does not exist");
        for (String name : List.of("c.pem", "k.pem", "ca.pem")) {
            Files.writeString(dir.resolve(name), "-----BEGIN-----\n");
        }
        ClusterTls tls = parse("cluster:\n  tls: {cert: c.pem, key: k.pem, ca: ca.pem}\n", Map.of()).cluster().tls();
        assertThat(tls).isEqualTo(new ClusterTls(dir.resolve("c.pem"), dir.resolve("k.pem"), dir.resolve("ca.pem")));
        assertThat(tls.enabled()).isTrue();
    }

    private GammaConfig parse(String yaml, Map<String, String> env) {
        return Fixture.parse(Fixture.write(dir.resolve("gamma.yaml"), yaml), env);
    }

    private List<String> problems(String yaml, Map<String, String> env) {
        Path file = dir.resolve("gamma.yaml");
        return Fixture.problems(file, yaml, env).stream().map(p -> p.replace(file.toString(), "F")).toList();
    }
}

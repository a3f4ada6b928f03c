package dev.gamma.cluster;

import static dev.gamma.testkit.Await.await;
import static dev.gamma.testkit.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gamma.config.ClusterConfig;
import dev.gamma.config.ClusterTls;
import dev.gamma.config.GammaConfig;
import dev.gamma.config.HostPort;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster.tls}: nodes whose certificates the same CA signed carry out each other's commands; a node without
 * TLS, or with a certificate of another CA, reaches nobody, even with the secret. Certificates are made by openssl.
 */
class EventBusTlsTest {
    @TempDir
    Path dir;

    @Test
    void onlyNodesWithACertificateOfTheClustersCaReachEachOther() throws Exception {
        Path ca = authority("ca");
        Path otherCa = authority("other-ca");
        ClusterTls tlsA = certificate(ca, "a");
        ClusterTls tlsB = certificate(ca, "b");
        ClusterTls foreign = certificate(otherCa, "c");
        String name = "tls-" + UUID.randomUUID();
        List<Integer> ports = ClusterFixture.freePorts(4);
        ClusterNode a = ClusterFixture.start(config(name, 0, ports, tlsA), List.of());
        ClusterNode b = ClusterFixture.start(config(name, 1, ports, tlsB), List.of());
        ClusterNode plain = ClusterFixture.start(config(name, 2, ports, ClusterTls.OFF), List.of());
        ClusterNode stranger = ClusterFixture.start(config(name, 3, ports, foreign), List.of());
        try {
            AtomicInteger received = new AtomicInteger();
            EventBusCommands onB = new EventBusCommands(b.vertx(), b.crosstalk());
            await(onB.listen(new EventBusCommands.LocalActions() {
                @Override
                public Future<Integer> kick(List<String> sessionIds, String reason) {
                    return Future.succeededFuture(0);
                }

                @Override
                public Future<ClusterCommands.BroadcastResult> broadcast(String message) {
                    received.incrementAndGet();
                    return Future.succeededFuture(new ClusterCommands.BroadcastResult(1, 0));
                }
            }));
            for (ClusterNode node : List.of(a, plain, stranger)) {
                await(node.crosstalk().announce(new NodeInfo(node.crosstalk().nodes().selfId(), "", "", 1)));
            }
            await(b.crosstalk().announce(new NodeInfo(b.crosstalk().nodes().selfId(), "", "", 1)));
            eventually(Duration.ofSeconds(10), () -> assertThat(a.crosstalk().nodes().nodes()).hasSize(4));

            // B's subscription reaches the others' view of the event bus a moment after it is registered
            eventually(Duration.ofSeconds(10), () -> assertThat(
                    await(new EventBusCommands(a.vertx(), a.crosstalk()).broadcast("hello")).reached()).isEqualTo(1));
            int fromA = received.get();
            assertThat(fromA).isPositive();
            assertThat(await(new EventBusCommands(plain.vertx(), plain.crosstalk()).broadcast("no tls")).reached())
                    .isZero();
            assertThat(await(new EventBusCommands(stranger.vertx(), stranger.crosstalk()).broadcast("other ca"))
                    .reached()).isZero();
            assertThat(received).hasValue(fromA);
        } finally {
            await(Future.join(List.of(a.close(), b.close(), plain.close(),
                    stranger.close())));
        }
    }

    private GammaConfig config(String name, int index, List<Integer> ports, ClusterTls tls) {
        ClusterConfig base = ClusterFixture.config(name, ports.get(index), ports, dir.resolve("n" + index)).cluster();
        ClusterConfig cluster = new ClusterConfig(true, name, base.bind(), base.members(), "tcp-ip", "",
                base.nodeTimeout(), "", new HostPort("127.0.0.1", 0), ClusterFixture.SECRETS, tls);
        return ClusterFixture.config(cluster, dir.resolve("n" + index));
    }

    private Path authority(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + name,
                "-keyout", name + ".key", "-out", name + ".pem");
        return dir.resolve(name + ".pem");
    }

    private ClusterTls certificate(Path ca, String node) throws Exception {
        String caName = ca.getFileName().toString().replace(".pem", "");
        Files.writeString(dir.resolve(node + ".ext"),
                "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + node, "-keyout", node + ".key",
                "-out", node + ".csr");
        openssl("x509", "-req", "-in", node + ".csr", "-CA", caName + ".pem", "-CAkey", caName + ".key",
                "-CAcreateserial", "-days", "1", "-extfile", node + ".ext", "-out", node + ".pem");
        return new ClusterTls(dir.resolve(node + ".pem"), dir.resolve(node + ".key"), ca);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            assumeThat(false).as("openssl is needed to make test certificates: apt-get install openssl").isTrue();
            return;
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}

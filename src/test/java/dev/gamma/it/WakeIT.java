package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cli.LocalCluster;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real node JVMs share one sleeping route whose wake command starts a real Minecraft server (nmp) in the
 * background: concurrent logins through all three nodes wake it exactly once and all get in; it never sleeps while a
 * player is connected anywhere, and sleeps exactly once after the last one left. Every node's server list shows the
 * asleep and starting MOTDs, and a login held past {@code hold} gets the "starting" Disconnect.
 */
class WakeIT {
    private static final String TOKEN = "wake-it-secret";
    private static final String VERSION = "1.21.4";
    private static final Duration PROPAGATION = Duration.ofSeconds(15);
    private static final Duration LOGIN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void loginsThroughThreeNodesWakeTheServerOnceAndItSleepsOnceWhenEmpty() throws Exception {
        Peers.assumeAvailable();
        int base = LoopbackPorts.run(11);
        int serverPort = base + 9;
        Path wakes = dir.resolve("wakes.txt");
        Path sleeps = dir.resolve("sleeps.txt");
        Path slowWakes = dir.resolve("slow-wakes.txt");
        Path wake = script("wake.sh", """
                echo "wake $$" >> "%1$s/wakes.txt"
                mkfifo "%1$s/stdin"
                sleep 240 > "%1$s/stdin" &
                echo $! > "%1$s/stdin.pid"
                sleep 8
                cd "%2$s"
                node server.js --port %3$d --version %4$s --motd-json '"awake"' < "%1$s/stdin" \
                    > "%1$s/server.out" 2>&1 &
                echo $! > "%1$s/server.pid"
                """.formatted(dir, Peers.nodeDirectory().toAbsolutePath(), serverPort, VERSION));
        Path sleep = script("sleep.sh", """
                echo "sleep $$" >> "%1$s/sleeps.txt"
                kill "$(cat "%1$s/server.pid")" "$(cat "%1$s/stdin.pid")"
                """.formatted(dir));
        Path slow = script("slow.sh", "echo wake >> \"" + slowWakes + "\"\n");
        Files.writeString(dir.resolve("fleet.yaml"), """
                admin: {token: %s}
                routes:
                  - host: sleepy.test
                    backend: 127.0.0.1:%d
                    wake:
                      command: [%s]
                      hold: 40s
                      sleep-after: 2s
                      sleep: {command: [%s]}
                      asleep-motd: "Zzz asleep"
                      starting-motd: "Waking up"
                  - host: never.test
                    backend: 127.0.0.1:%d
                    wake: {command: [%s], hold: 2s}
                """.formatted(TOKEN, serverPort, wake, sleep, base + 10, slow));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        LocalCluster layout = new LocalCluster(3, new LocalCluster.Ports(base, base + 3, base + 6),
                dir.resolve("nodes"));
        try (ClusterProcesses cluster = new ClusterProcesses(layout, dir.resolve("fleet.yaml"))) {
            try {
                run(cluster, layout, wakes, sleeps, slowWakes, threads);
            } catch (AssertionError | RuntimeException e) {
                for (int node = 0; node < 3; node++) {
                    int n = node;
                    cluster.output(node).stream().filter(l -> l.contains("wake") || l.contains("Wake"))
                            .forEach(l -> System.out.println("node-" + (n + 1) + ": " + l));
                }
                throw e;
            }
        } finally {
            threads.shutdownNow();
            for (String pid : new String[] {"server.pid", "stdin.pid"}) {
                Path file = dir.resolve(pid);
                if (Files.exists(file)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(ProcessHandle::destroy);
                }
            }
        }
    }

    private void run(ClusterProcesses cluster, LocalCluster layout, Path wakes, Path sleeps, Path slowWakes,
            ExecutorService threads) throws Exception {
        cluster.startAll();
        AdminClient[] admins = IntStream.range(0, 3).mapToObj(i -> new AdminClient(layout.adminPort(i), TOKEN))
                .toArray(AdminClient[]::new);
        for (AdminClient admin : admins) {
            Await.until(PROPAGATION, "three members", () -> admin.get("/api/nodes").array().size() == 3);
            Await.until(PROPAGATION, "asleep", () -> "asleep".equals(wakeState(admin)));
        }
        for (int node = 0; node < 3; node++) {
            assertThat(motd(layout, node)).as("node-%d's server list", node + 1).contains("Zzz asleep");
        }

        // a login held past hold gets the Disconnect
        try (ClientPeer early = client(layout, 0, "never.test", "Early")) {
            assertThat(early.await("kicked", Duration.ofSeconds(20)).encode())
                    .contains("The server is starting, try again in a moment");
        }

        List<Future<ClientPeer>> joining = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int node = i % 3;
            String name = "Sleeper" + i;
            joining.add(threads.submit(() -> client(layout, node, "sleepy.test", name)));
        }
        List<ClientPeer> players = new ArrayList<>();
        try {
            for (Future<ClientPeer> f : joining) {
                players.add(f.get(30, TimeUnit.SECONDS));
            }
            for (int node = 0; node < 3; node++) {
                int n = node;
                Await.until(PROPAGATION, "node-" + (node + 1) + " lists starting",
                        () -> motd(layout, n).contains("Waking up"));
            }
            for (ClientPeer player : players) {
                player.await("login", LOGIN);
            }
            assertThat(Files.readAllLines(wakes)).as("one wake for the fleet").hasSize(1);
            for (AdminClient admin : admins) {
                Await.until(PROPAGATION, "awake", () -> "awake".equals(wakeState(admin)));
            }

            for (ClientPeer player : players.subList(0, 5)) {
                player.quit();
                player.await("end", Peers.TIMEOUT);
            }
            // well past sleep-after (2s) with one player still on node-3: nothing may put it to sleep
            Thread.sleep(8_000);
            assertThat(sleeps).doesNotExist();
            assertThat(wakeState(admins[0])).isEqualTo("awake");
            players.get(5).chat("still here");
            assertThat(players.get(5).isAlive()).isTrue();
        } finally {
            players.forEach(ClientPeer::close);
        }
        Await.until(Duration.ofSeconds(30), "the sleep action ran", () -> Files.exists(sleeps));
        for (AdminClient admin : admins) {
            Await.until(PROPAGATION, "asleep again", () -> "asleep".equals(wakeState(admin)));
        }
        Thread.sleep(4_000); // the owner keeps ticking: a second sleep would show up here
        assertThat(Files.readAllLines(sleeps)).as("one sleep for the fleet").hasSize(1);
        assertThat(Files.readAllLines(wakes)).hasSize(1);
        assertThat(Files.readAllLines(slowWakes)).hasSize(1);
        assertThat(motd(layout, 1)).contains("Zzz asleep");
        String metrics = admins[0].get("/metrics").body() + admins[1].get("/metrics").body()
                + admins[2].get("/metrics").body();
        assertThat(metrics).contains("gamma_wake_actions_total{action=\"wake\",result=\"ok\"}")
                .contains("gamma_wake_held_logins");
        for (int node = 0; node < 3; node++) {
            assertThat(cluster.output(node)).as("no stack traces").noneMatch(l -> l.startsWith("\tat "));
        }
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/bash\nset -e\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static ClientPeer client(LocalCluster layout, int node, String host, String name) {
        return Peers.client(ClientOptions.of(layout.proxyPort(node), VERSION).withFakeHost(host).withUsername(name));
    }

    private static String motd(LocalCluster layout, int node) {
        return Peers.ping("127.0.0.1", layout.proxyPort(node), "sleepy.test", VERSION).encode();
    }

    private static String wakeState(AdminClient admin) {
        return admin.get("/api/routes/sleepy.test").object().getString("wake");
    }
}

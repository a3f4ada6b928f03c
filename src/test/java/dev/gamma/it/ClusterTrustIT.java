package dev.gamma.it;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import dev.gamma.cli.LocalCluster;
import dev.gamma.cluster.ClusterBootstrap;
import dev.gamma.cluster.ClusterNode;
import dev.gamma.cluster.EventBusCommands;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.LoopbackPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real node JVMs sharing a secret, a real player on them, and the attacks of issue "Crosstalk trusts no one":
 * a Hazelcast client, a stranger who joins as a member with the cluster's name, a sniffed and replayed command, a
 * node with the wrong secret; then a rolling change of the secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTrustIT {
    private static final String TOKEN = "trust-admin-token";
    private static final String SECRET_A = LocalCluster.newSecret();
    private static final String SECRET_B = LocalCluster.newSecret();
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final Duration PROPAGATION = Duration.ofSeconds(3);
    /** The sweep that repairs runs every 5 s. */
    private static final Duration REPAIRED = Duration.ofSeconds(15);
    /** A restarted member's join and first listing, which take longest on a busy machine. */
    private static final Duration MEMBERSHIP = PROPAGATION.multipliedBy(5);

    @TempDir
    static Path dir;

    private static BackendPeer backend;
    private static BackendPeer attacker;
    private static Path config;
    private static ClusterProcesses cluster;
    private static AdminClient[] admins;
    private static ClientPeer steve;
    private static Vertx rogue;
    private static HazelcastInstance rogueMember;
    private static ClusterNode honest;
    private static final List<Object> sniffed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        attacker = Peers.backend(BackendOptions.defaults().withAnyVersion().withName("attacker"));
        config = dir.resolve("cluster.yaml");
        Files.writeString(config, """
                admin: {token: %s}
                cluster: {node-timeout: 3s}
                routes:
                  - host: play.test
                    backend: 127.0.0.1:%d
                    inspect: true
                """.formatted(TOKEN, backend.port()));
        // nodes 1 and 2 are the cluster; node 3 comes with another secret; node 4 is an honest member in this JVM
        LocalCluster layout = new LocalCluster(4, new LocalCluster.Ports(LoopbackPorts.run(4), LoopbackPorts.run(4),
                LoopbackPorts.run(5)), dir.resolve("nodes"), SECRET_A);
        cluster = new ClusterProcesses(layout, config);
        cluster.start(0);
        cluster.start(1);
        cluster.awaitReady(0);
        cluster.awaitReady(1);
        admins = IntStream.range(0, 3).mapToObj(i -> new AdminClient(layout.adminPort(i), TOKEN))
                .toArray(AdminClient[]::new);
        Await.until(MEMBERSHIP, "2 nodes", () -> admins[0].get("/api/nodes").array().size() == 2);
        assertThat(admins[0].put("/api/routes/api.test", new JsonObject().put("backend", "127.0.0.1:" + backend.port()))
                .status()).isIn(200, 201);
        steve = client(0, "play.test", "Steve");
        steve.await("login", WAIT);
        Await.until(PROPAGATION, "Steve listed on node 2", () -> admins[1].get("/api/players/Steve").status() == 200);
    }

    @AfterAll
    static void stop() {
        if (steve != null) {
            steve.close();
        }
        closeHonestAndRogue();
        if (cluster != null) {
            cluster.close();
        }
        for (BackendPeer peer : new BackendPeer[] {backend, attacker}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @Test
    @Order(1)
    void theSecretIsRequiredAndNeverShown() throws Exception {
        for (int node = 0; node < 2; node++) {
            assertThat(String.join("\n", cluster.output(node))).doesNotContain(SECRET_A);
            for (String path : List.of("/metrics", "/api/nodes", "/api/routes", "/api/players", "/")) {
                assertThat(admins[node].get(path).body()).as(path).doesNotContain(SECRET_A);
            }
        }
        Map<String, String> env = Map.of("GAMMA_CLUSTER_ENABLED", "true", "GAMMA_BIND", "127.0.0.1:0",
                "GAMMA_ADMIN_BIND", "127.0.0.1:0", "GAMMA_CLUSTER_SECRET", "too-short-to-be-a-secret");
        ProcessBuilder shortSecret = new ProcessBuilder(java(), "-jar", "target/gamma.jar", "run", "--config",
                config.toString()).redirectErrorStream(true);
        shortSecret.environment().keySet().removeIf(k -> k.startsWith("GAMMA_"));
        shortSecret.environment().putAll(env);
        Process process = shortSecret.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("env GAMMA_CLUSTER_SECRET: cluster.secret: is 24 characters long; it must be at"
                + " least 32").doesNotContain("too-short-to-be-a-secret");
    }

    @Test
    @Order(2)
    void aHazelcastClientAndOtherProtocolsAreRefusedOnTheMemberPort() throws Exception {
        ClientConfig client = new ClientConfig().setClusterName("gamma");
        client.getNetworkConfig().addAddress("127.0.0.1:" + cluster.layout().clusterPort(0));
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5_000);
        client.setProperty("hazelcast.logging.type", "slf4j");
        assertThatThrownBy(() -> HazelcastClient.newHazelcastClient(client).shutdown())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Unable to connect");
        try (Socket socket = new Socket("127.0.0.1", cluster.layout().clusterPort(0))) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /hazelcast/rest/cluster HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] answer = readUpTo(socket.getInputStream(), 64);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotContain("HTTP/");
        }
    }

    @Test
    @Order(3)
    void aStrangerWhoJoinsReadsNoPlayerAndNoAddress() throws Exception {
        startRogue();
        Await.until(Duration.ofSeconds(30), "the stranger joined", () -> rogueMember.getCluster().getMembers()
                .size() == 3);
        IMap<Object, Object> players = rogueMember.getMap("gamma-players");
        Await.until(PROPAGATION, "players readable", () -> !players.isEmpty());
        for (String name : List.of("gamma-players", "gamma-nodes", "gamma-routes", "gamma-route-tombstones")) {
            IMap<Object, Object> map = rogueMember.getMap(name);
            for (Map.Entry<Object, Object> e : map.entrySet()) {
                // route keys are the hostnames players type, public anyway; player keys are opaque session ids
                String text = (name.contains("route") ? "" : e.getKey() + " ") + (e.getValue() instanceof byte[] b
                        ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(e.getValue()));
                assertThat(text).as(name).doesNotContain("Steve", "127.0.0.1", "backend", "api.test", "play.test");
                assertThat(e.getValue()).as(name).isInstanceOf(byte[].class);
            }
        }
    }

    @Test
    @Order(4)
    void theStrangersRouteIsIgnoredByEveryNodeAndNeverSaved() throws Exception {
        IMap<Object, Object> routes = rogueMember.getMap("gamma-routes");
        JsonObject forged = new JsonObject().put("host", "play.test").put("source", "api")
                .put("updatedAt", System.currentTimeMillis() + 60_000)
                .put("route", new JsonObject().put("backend", "127.0.0.1:" + attacker.port()));
        routes.put("play.test", new HazelcastJsonValue(forged.encode()));
        routes.put("evil.test", forged.copy().put("host", "evil.test").encode());
        routes.put("api.test", routes.get("play.test") instanceof byte[] b ? b : new byte[64]);
        for (AdminClient admin : List.of(admins[0], admins[1])) {
            Await.until(PROPAGATION, "rejected", () -> metric(admin, "route") >= 2);
            JsonObject play = admin.get("/api/routes/play.test").object();
            assertThat(play.encode()).contains("127.0.0.1:" + backend.port()).doesNotContain(
                    String.valueOf(attacker.port()));
            assertThat(admin.get("/api/routes/evil.test").status()).isEqualTo(404);
            assertThat(admin.get("/api/routes/api.test").status()).isEqualTo(200);
        }
        try (ClientPeer alex = client(1, "play.test", "Alex")) {
            assertThat(backend.awaitLogin("Alex", WAIT).getString("username")).isEqualTo("Alex");
        }
        assertThat(attacker.events()).noneMatch(e -> "login".equals(e.getString("event")));
        assertThat(String.join("\n", cluster.output(1))).contains("cluster: rejected entry play.test of gamma-routes");
        for (int node = 0; node < 2; node++) {
            Path saved = cluster.layout().dataDir(node).resolve("routes.json");
            assertThat(Files.readString(saved)).contains("api.test")
                    .doesNotContain(String.valueOf(attacker.port()), "evil.test");
        }
        Await.until(REPAIRED, "play.test sealed again", () -> routes.get("play.test") instanceof byte[]);
    }

    @Test
    @Order(5)
    void theStrangersKickAndBroadcastAreRejectedAndThePlayerStays() throws Exception {
        JsonObject entry = admins[1].get("/api/players/Steve").object();
        String kick = "gamma.kick." + entry.getString("node");
        JsonObject plain = new JsonObject().put("ids", new JsonArray().add(entry.getString("id")))
                .put("reason", "forged kick");
        assertRejected(kick, plain, "not a Gamma command envelope");
        byte[] random = new byte[32];
        JsonObject counterfeit = new JsonObject().put("v", 1).put("from", entry.getString("node"))
                .put("at", System.currentTimeMillis()).put("nonce", Base64.getEncoder().encodeToString(random))
                .put("key", 42).put("body", plain.encode()).put("mac", Base64.getEncoder().encodeToString(random));
        assertRejected(kick, counterfeit, "signed with a secret this node does not have");
        assertRejected("gamma.broadcast." + entry.getString("node"), new JsonObject().put("message", "forged news"),
                "not a Gamma command envelope");
        String drain = "gamma.drain." + entry.getString("node");
        assertRejected(drain, new JsonObject().put("withinMillis", 0), "not a Gamma command envelope");
        assertRejected(drain, counterfeit.copy().put("body", new JsonObject().put("withinMillis", 0).encode()),
                "signed with a secret this node does not have");
        assertThat(metric(admins[0], "command")).isGreaterThanOrEqualTo(5);
        assertThat(admins[1].get("/api/nodes").array().stream().map(JsonObject.class::cast)
                .filter(n -> n.getString("id").equals(entry.getString("node"))).findFirst().orElseThrow()
                .getString("state")).as("the forged drain changed nothing").isEqualTo("serving");
        steve.chat("still here");
        assertThat(backend.awaitChat("Steve", WAIT).getString("message")).isEqualTo("still here");
        assertThat(steve.events()).noneMatch(e -> "kicked".equals(e.getString("event"))
                || String.valueOf(e.getString("text")).contains("forged"));
        assertThat(admins[1].get("/api/players/Steve").status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void aSniffedGenuineKickOrBroadcastCannotBeReplayed() throws Exception {
        startHonestMember();
        EventBusCommands commands = new EventBusCommands(honest.vertx(), honest.crosstalk());
        Await.until(PROPAGATION, "the honest member sees Steve",
                () -> !honest.crosstalk().players().named("Steve").isEmpty());
        assertThat(await(commands.broadcast("said once")).reached()).isGreaterThanOrEqualTo(1);
        steve.await(e -> "said once".equals(e.getString("text")), "the broadcast", WAIT);
        assertThat(await(commands.kick("Steve", "a genuine kick"))).isEqualTo(1);
        assertThat(steve.await("kicked", WAIT).getString("reason")).isEqualTo("a genuine kick");
        List<JsonObject> captured = sniffed.stream().map(JsonObject.class::cast).toList();
        assertThat(captured).hasSizeGreaterThanOrEqualTo(2);
        for (JsonObject envelope : captured) {
            String address = envelope.getString("address");
            if (address.endsWith(entryNode())) {
                assertRejected(address, envelope.getJsonObject("body"), "a replay of a command already carried out");
            }
        }
        assertThat(metric(admins[0], "command")).isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(7)
    void aNodeWithAnotherSecretNeitherSeesNorChangesTheCluster() throws Exception {
        closeHonestAndRogue();
        cluster.start(2, Map.of("GAMMA_CLUSTER_SECRET", SECRET_B));
        cluster.awaitReady(2);
        try (ClientPeer mallory = client(2, "play.test", "Mallory");
                ClientPeer alex = client(0, "play.test", "Alex")) {
            mallory.await("login", WAIT);
            alex.await("login", WAIT);
            Await.until(PROPAGATION, "Alex listed on node 2",
                    () -> admins[1].get("/api/players/Alex").status() == 200);
            Await.until(PROPAGATION, "node 3 rejects what the others sealed", () -> String.join("\n",
                    cluster.output(2)).contains("sealed with a secret this node does not have"));
            assertThat(names(admins[2].get("/api/players").array())).containsExactly("Mallory");
            assertThat(admins[2].get("/api/routes/api.test").status()).isEqualTo(404);
            assertThat(names(admins[0].get("/api/players").array())).contains("Alex").doesNotContain("Mallory");
            assertThat(admins[0].get("/api/nodes").array()).hasSize(2);
        }
        try (ClientPeer sam = client(0, "play.test", "Sam")) {
            backend.awaitLogin("Sam", WAIT);
        }
        assertThat(cluster.stop(2)).isZero();
    }

    @Test
    @Order(8)
    void aRollingChangeOfTheSecretKeepsTheClusterWhole() throws Exception {
        String both = SECRET_B + "," + SECRET_A;
        restart(0, both);
        assertWhole("Rot1", 0, 1);
        restart(1, both);
        for (int node = 0; node < 2; node++) {
            int n = node;
            Await.until(PROPAGATION, "node " + (n + 1) + " seals with the new secret", () -> cluster.output(n)
                    .stream().anyMatch(l -> l.contains("cluster: sealing with secret 1 of 2")));
        }
        assertWhole("Rot2", 1, 0);
        Thread.sleep(6_000); // every player re-put within 5 s, sealed with the new secret
        restart(0, SECRET_B);
        assertWhole("Rot3", 0, 1);
        restart(1, SECRET_B);
        assertWhole("Rot4", 1, 0);
    }

    private static void restart(int node, String secret) throws Exception {
        assertThat(cluster.stop(node)).isZero();
        cluster.start(node, Map.of("GAMMA_CLUSTER_SECRET", secret));
        cluster.awaitReady(node);
    }

    /** Both nodes listed on both, the API route everywhere, a login on one seen and kicked from the other. */
    private static void assertWhole(String player, int loginNode, int otherNode) {
        for (int node = 0; node < 2; node++) {
            AdminClient admin = admins[node];
            Await.until(MEMBERSHIP, "2 nodes on node " + (node + 1),
                    () -> admin.get("/api/nodes").array().size() == 2);
            Await.until(PROPAGATION, "api.test on node " + (node + 1),
                    () -> admin.get("/api/routes/api.test").status() == 200);
        }
        try (ClientPeer client = client(loginNode, "play.test", player)) {
            client.await("login", WAIT);
            Await.until(PROPAGATION, player + " listed on the other node",
                    () -> admins[otherNode].get("/api/players/" + player).status() == 200);
            AdminClient.Reply kicked = admins[otherNode].post("/api/players/" + player + "/kick",
                    new JsonObject().put("reason", "rotated"));
            assertThat(kicked.object().getInteger("kicked")).isEqualTo(1);
            assertThat(client.await("kicked", WAIT).getString("reason")).isEqualTo("rotated");
        }
    }

    private static void startRogue() throws Exception {
        Config hazelcast = new Config().setClusterName("gamma");
        hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
        hazelcast.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        hazelcast.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hazelcast.setProperty("hazelcast.logging.type", "slf4j");
        hazelcast.getNetworkConfig().setPort(cluster.layout().clusterPort(3) + 1).setPortAutoIncrement(false);
        var join = hazelcast.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + cluster.layout().clusterPort(0),
                "127.0.0.1:" + cluster.layout().clusterPort(1)));
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
        rogue = await(Vertx.builder().with(options).withClusterManager(manager).buildClustered());
        rogueMember = manager.getHazelcastInstance();
    }

    /** A member with the secret in this JVM, whose outgoing commands an eavesdropper records. */
    private static void startHonestMember() throws Exception {
        Vertx loader = Vertx.vertx();
        GammaConfig honestConfig;
        try {
            honestConfig = await(new ConfigLoader(loader, config, cluster.layout().environment(3)).load());
        } finally {
            loader.close();
        }
        honest = await(ClusterBootstrap.start(honestConfig, new VertxOptions()));
        await(honest.crosstalk().routes().start(List.of()));
        honest.vertx().eventBus().addOutboundInterceptor(context -> {
            try {
                if (context.message().address().startsWith("gamma.") && context.body() instanceof JsonObject body) {
                    sniffed.add(new JsonObject().put("address", context.message().address()).put("body", body.copy()));
                }
            } finally {
                context.next();
            }
        });
    }

    private static void closeHonestAndRogue() {
        if (honest != null) {
            await(honest.close());
            honest = null;
        }
        if (rogue != null) {
            await(rogue.close());
            rogue = null;
        }
    }

    private static String entryNode() {
        return admins[0].get("/api/nodes").array().getJsonObject(0).getString("id");
    }

    private static void assertRejected(String address, JsonObject body, String why) {
        Future<?> answer = rogue.eventBus().request(address, body);
        assertThatThrownBy(() -> await(answer)).hasRootCauseInstanceOf(ReplyException.class)
                .rootCause().hasMessageContaining("rejected: " + why)
                .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(403));
    }

    private static long metric(AdminClient admin, String kind) {
        Matcher m = Pattern.compile("gamma_cluster_rejected_total\\{kind=\"" + kind + "\"}\\s+([0-9.E]+)")
                .matcher(admin.get("/metrics").body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private static byte[] readUpTo(InputStream in, int max) {
        List<Byte> bytes = new ArrayList<>();
        try {
            for (int b; bytes.size() < max && (b = in.read()) >= 0; ) {
                bytes.add((byte) b);
            }
        } catch (java.io.IOException closedOrSilent) {
            // a closed connection or silence: either way no answer
        }
        byte[] out = new byte[bytes.size()];
        IntStream.range(0, out.length).forEach(i -> out[i] = bytes.get(i));
        return out;
    }

    private static ClientPeer client(int node, String host, String name) {
        return Peers.client(ClientOptions.of(cluster.layout().proxyPort(node), "1.21.4").withFakeHost(host)
                .withUsername(name));
    }

    private static List<String> names(JsonArray players) {
        return players.stream().map(p -> ((JsonObject) p).getString("name")).toList();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose cluster on a real Docker engine, as a new user brings it up: a copy of this checkout, its base images
 * pulled (or, without an image registry, stand-ins built by {@code docker/base-images.sh}, the backends swapped by
 * its override file), then the README's Docker quick start run line by line. Real clients play through every
 * published player port; every node's admin API is asked; a node is killed and brought back; the cluster goes
 * down and up again. Skipped without a Docker engine, Compose or the Node.js peers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerClusterIT {
    private static final System.Logger LOG = System.getLogger(DockerClusterIT.class.getName());
    private static final Path COMPOSE = Path.of("docker-compose.cluster.yml");
    private static final List<String> NODES = List.of("gamma-1", "gamma-2", "gamma-3");
    private static final List<String> BACKENDS = List.of("lobby", "survival");
    private static final Duration STAND_INS = Duration.ofMinutes(15);
    private static final Duration QUICK_START_COMMAND = Duration.ofMinutes(10);
    private static final Duration HEALTHY = Duration.ofMinutes(3);
    private static final Duration COMMAND = Duration.ofMinutes(3);
    private static final Duration PROPAGATION = Duration.ofSeconds(10);
    private static final Duration WAIT = Peers.TIMEOUT;
    /** Detection takes node-timeout after the last heartbeat; this much more is allowed for the rest. */
    private static final Duration NODE_LOSS_SLACK = Duration.ofSeconds(2);
    private static final String API_ROUTE = "api.localhost";

    @TempDir
    static Path checkout;
    private static ComposeCluster cluster;
    private static String token;
    private static String version;
    private static final List<Integer> playerPorts = new ArrayList<>();
    private static final List<Integer> adminPorts = new ArrayList<>();
    private static final List<AdminClient> admins = new ArrayList<>();
    private static final List<String> crosstalkHosts = new ArrayList<>();
    private static final Map<String, ClientPeer> clients = new LinkedHashMap<>();
    private static DockerDocs.MoreNodes moreNodes;

    @BeforeAll
    static void upAsTheReadmeSays() throws Exception {
        List<String> composeCommand = ComposeCluster.assumeEngineAndCompose();
        if (ComposeCluster.required()) {
            assertThat(Peers.available()).as("node and `npm ci` in src/test/node").isTrue();
        }
        Peers.assumeAvailable();
        List<String> commands = DockerDocs.quickStart();
        moreNodes = DockerDocs.moreNodes();
        readComposeFile();
        assertPortsFree();

        ComposeCluster.copyCheckout(Path.of("").toAbsolutePath(), checkout);
        HostCommand.Result images = new HostCommand(List.of("docker/base-images.sh"), checkout, Map.of(), STAND_INS)
                .run().orFail();
        List<String> overrides = images.output().lines().filter(l -> l.endsWith(".yml")).toList();
        LOG.log(System.Logger.Level.INFO, "base images:\n{0}", images.output());
        cluster = ComposeCluster.in(checkout, composeCommand, overrides);
        cluster.close(); // what an earlier run that was killed may have left

        long started = System.nanoTime();
        for (String command : commands) {
            cluster.shell(QUICK_START_COMMAND, command).orFail();
        }
        Duration commandsTook = since(started);
        List<String> all = new ArrayList<>(NODES);
        all.addAll(BACKENDS);
        cluster.awaitHealthy(HEALTHY, all);
        LOG.log(System.Logger.Level.INFO, "quick start commands took {0}; every service healthy after {1}",
                commandsTook, since(started));

        token = Files.readAllLines(checkout.resolve("docker/cluster.env")).stream()
                .filter(l -> l.startsWith("GAMMA_ADMIN_TOKEN=")).map(l -> l.substring(l.indexOf('=') + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no GAMMA_ADMIN_TOKEN in docker/cluster.env"));
        adminPorts.forEach(port -> admins.add(new AdminClient(port, token)));
        // the client version: the one the backend behind play.localhost answers in (a stand-in echoes the client's)
        version = Peers.ping("127.0.0.1", playerPorts.get(0), "play.localhost", "1.21.4")
                .getJsonObject("version").getString("name");
    }

    @AfterAll
    static void down() {
        clients.values().forEach(ClientPeer::close);
        if (cluster != null) {
            cluster.close();
            ComposeCluster.docker("image", "prune", "-f", "--filter", "label=org.opencontainers.image.title=Gamma");
        }
    }

    @Test
    @Order(1)
    void everyNodeListsTheThreeNodesAtAddressesTheyCanBeReachedAt() {
        for (AdminClient admin : admins) {
            JsonArray nodes = Await.value(PROPAGATION, "three nodes", () -> {
                JsonArray list = admin.get("/api/nodes").array();
                return list.size() == 3 ? list : null;
            });
            assertThat(nodes.stream().map(n -> ((JsonObject) n).getString("address")))
                    .containsExactlyInAnyOrderElementsOf(crosstalkHosts.stream().map(h -> h + ":25565").toList());
            assertThat(nodes.stream().map(n -> ((JsonObject) n).getString("admin")))
                    .containsExactlyInAnyOrderElementsOf(crosstalkHosts.stream().map(h -> h + ":8080").toList());
        }
        assertThat(admins.get(0).withToken("wrong-" + UUID.randomUUID(), "/api/nodes").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void playersThroughEveryPublishedPortChatAndEveryNodeListsThemAll() {
        join("Alice", 0, "play.localhost");
        join("Bob", 1, "survival.localhost");
        join("Carol", 2, "play.localhost");
        join("Dan", 0, "survival.localhost");
        clients.keySet().forEach(DockerClusterIT::chats);

        for (int node = 0; node < admins.size(); node++) {
            AdminClient admin = admins.get(node);
            Await.until(PROPAGATION, "every player listed by " + NODES.get(node),
                    () -> names(admin.get("/api/players").array()).containsAll(clients.keySet()));
        }
        JsonObject bob = admins.get(2).get("/api/players/Bob").object();
        assertThat(bob.getString("route")).isEqualTo("survival.localhost");
        assertThat(bob.getString("node")).isEqualTo(nodeIdAt(crosstalkHosts.get(1)));
    }

    @Test
    @Order(3)
    void aKickSentToTheThirdNodeEndsASessionOnTheFirstWithItsReason() {
        JsonObject answer = admins.get(2).post("/api/players/Dan/kick",
                new JsonObject().put("reason", "Kicked through gamma-3")).object();

        assertThat(answer.getInteger("kicked")).isEqualTo(1);
        assertThat(clients.remove("Dan").await("kicked", WAIT).getString("reason")).isEqualTo("Kicked through gamma-3");
        Await.until(PROPAGATION, "Dan gone", () -> !names(admins.get(0).get("/api/players").array()).contains("Dan"));
    }

    @Test
    @Order(4)
    void aRouteMadeThroughOneNodeServesEveryNode() {
        JsonObject route = new JsonObject().put("backend", "survival:25565").put("inspect", true);
        assertThat(admins.get(1).put("/api/routes/" + API_ROUTE, route).status()).isEqualTo(201);

        for (AdminClient admin : admins) {
            Await.until(PROPAGATION, "the API route on every node",
                    () -> admin.get("/api/routes/" + API_ROUTE).status() == 200);
        }
        try (ClientPeer erin = client("Erin", 2, API_ROUTE)) {
            erin.await("login", WAIT);
        }
    }

    @Test
    @Order(5)
    void aKilledNodesPlayersLeaveTheOthersListsWithinTheNodeTimeoutWhileTheOthersPlayOn() {
        Duration limit = nodeTimeout().plus(NODE_LOSS_SLACK);
        long killed = System.nanoTime();
        cluster.compose(COMMAND, "kill", "gamma-2").orFail();

        Duration left = limit.minus(since(killed));
        Await.until(left.isNegative() ? Duration.ZERO : left, "Bob gone from gamma-1 and gamma-3 within "
                + limit + " of the kill", () -> !names(admins.get(0).get("/api/players").array()).contains("Bob")
                        && !names(admins.get(2).get("/api/players").array()).contains("Bob"));
        LOG.log(System.Logger.Level.INFO, "the killed node''s player left the others'' lists after {0}", since(killed));
        clients.remove("Bob").await("end", WAIT);
        assertThat(names(admins.get(0).get("/api/players").array())).containsExactlyInAnyOrder("Alice", "Carol");
        chats("Alice");
        chats("Carol");
    }

    @Test
    @Order(6)
    void upBringsTheKilledNodeBackIntoTheCluster() {
        cluster.compose(COMMAND, "up", "-d").orFail();
        cluster.awaitHealthy(HEALTHY, NODES);

        for (AdminClient admin : admins) {
            Await.until(PROPAGATION, "three nodes again", () -> admin.get("/api/nodes").array().size() == 3);
        }
        join("Bob", 1, "survival.localhost");
        chats("Bob");
        Await.until(PROPAGATION, "Bob listed by gamma-1 again",
                () -> names(admins.get(0).get("/api/players").array()).contains("Bob"));
        LOG.log(System.Logger.Level.INFO, "memory per container:\n{0}", cluster.memory());
    }

    @Test
    @Order(7)
    void anApiRouteSurvivesDownAndUp() {
        clients.values().forEach(ClientPeer::close);
        clients.clear();
        cluster.compose(COMMAND, "down").orFail();
        assertThat(cluster.container("gamma-1")).isEmpty();

        cluster.compose(QUICK_START_COMMAND, "up", "-d").orFail();
        List<String> all = new ArrayList<>(NODES);
        all.addAll(BACKENDS);
        cluster.awaitHealthy(HEALTHY, all);

        for (AdminClient admin : admins) {
            Await.until(PROPAGATION, "the API route after down and up",
                    () -> admin.get("/api/routes/" + API_ROUTE).status() == 200);
        }
        try (ClientPeer frank = client("Frank", 0, API_ROUTE)) {
            frank.await("login", WAIT);
        }
    }

    @Test
    @Order(8)
    void aFourthNodeJoinsAsTheDocsSayAndDownWithBothFilesRemovesEverything() throws IOException {
        Files.writeString(checkout.resolve(DockerDocs.MORE_FILE), moreNodes.composeFile());
        ComposeCluster more = cluster.with(DockerDocs.MORE_FILE);
        more.shell(COMMAND, moreNodes.up()).orFail();
        more.awaitHealthy(HEALTHY, List.of("gamma-4"));

        Await.until(PROPAGATION, "four nodes", () -> admins.get(0).get("/api/nodes").array().size() == 4);
        assertThat(nodeIdAt(moreNodes.crosstalkHost())).isNotEmpty();

        more.shell(COMMAND, moreNodes.down()).orFail();
        assertThat(ComposeCluster.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + ComposeCluster.PROJECT)
                .orFail().output()).as("containers left").isBlank();
        assertThat(ComposeCluster.docker("network", "ls", "-q", "--filter",
                "label=com.docker.compose.project=" + ComposeCluster.PROJECT).orFail().output()).as("networks left").isBlank();
    }

    @Test
    @Order(9)
    void theImageRunsAloneOnItsOwnConfiguration() {
        String name = ComposeCluster.PROJECT + "-alone";
        String aloneToken = UUID.randomUUID().toString() + UUID.randomUUID();
        ComposeCluster.docker("rm", "-f", name);
        ComposeCluster.docker("run", "-d", "--name", name, "-p", "127.0.0.1::8080",
                "-e", "GAMMA_ADMIN_BIND=0.0.0.0:8080", "-e", "GAMMA_ADMIN_TOKEN=" + aloneToken, "gamma").orFail();
        try {
            int port = Integer.parseInt(ComposeCluster.docker("port", name, "8080").orFail().output().strip()
                    .lines().findFirst().orElseThrow().replaceAll(".*:", ""));
            AdminClient admin = new AdminClient(port, aloneToken);
            ComposeCluster.awaitHealthy(HEALTHY, name);
            // conf/gamma.yaml of the image: its routes
            assertThat(admin.get("/api/routes/play.example.com").status()).isEqualTo(200);
            assertThat(admin.get("/api/nodes").array().getJsonObject(0).getString("address"))
                    .doesNotStartWith("0.0.0.0").endsWith(":25565");
        } finally {
            ComposeCluster.docker("rm", "-f", name);
        }
    }

    /** The published player and admin ports and the crosstalk address of each node, from the compose file. */
    @SuppressWarnings("unchecked")
    private static void readComposeFile() throws IOException {
        Map<String, Object> compose = new Yaml(new LoaderOptions()).load(Files.readString(COMPOSE));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Pattern admin = Pattern.compile("127\\.0\\.0\\.1:(\\d+):8080");
        Pattern players = Pattern.compile("(\\d+):25565");
        for (String node : NODES) {
            Map<String, Object> service = (Map<String, Object>) services.get(node);
            for (Object mapping : (List<Object>) service.get("ports")) {
                Matcher m = admin.matcher(mapping.toString());
                if (m.matches()) {
                    adminPorts.add(Integer.parseInt(m.group(1)));
                }
                m = players.matcher(mapping.toString());
                if (m.matches()) {
                    playerPorts.add(Integer.parseInt(m.group(1)));
                }
            }
            Map<String, Object> networks = (Map<String, Object>) service.get("networks");
            crosstalkHosts.add((String) ((Map<String, Object>) networks.get("crosstalk")).get("ipv4_address"));
        }
        assertThat(playerPorts).as("player ports published by " + NODES).hasSize(NODES.size());
        assertThat(adminPorts).as("admin ports published by " + NODES).hasSize(NODES.size());
    }

    private static void assertPortsFree() {
        List<Integer> ports = new ArrayList<>(playerPorts);
        ports.addAll(adminPorts);
        ports.addAll(moreNodes.ports());
        for (int port : ports) {
            try (ServerSocket probe = new ServerSocket(port)) {
                probe.setReuseAddress(true);
            } catch (IOException taken) {
                throw new AssertionError("port " + port + " is in use: the compose cluster publishes " + ports, taken);
            }
        }
    }

    private static Duration nodeTimeout() {
        String config;
        try {
            config = Files.readString(checkout.resolve("conf/cluster.yaml"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Matcher timeout = Pattern.compile("(?m)^\\s*node-timeout:\\s*(\\d+)s\\b").matcher(config);
        assertThat(timeout.find()).as("cluster.node-timeout in conf/cluster.yaml").isTrue();
        return Duration.ofSeconds(Long.parseLong(timeout.group(1)));
    }

    private static String nodeIdAt(String host) {
        return admins.get(0).get("/api/nodes").array().stream().map(JsonObject.class::cast)
                .filter(n -> n.getString("address").startsWith(host + ":")).map(n -> n.getString("id")).findFirst()
                .orElseThrow(() -> new AssertionError("no node at " + host));
    }

    private static void join(String name, int node, String host) {
        ClientPeer client = client(name, node, host);
        clients.put(name, client);
        client.await("login", WAIT);
    }

    private static ClientPeer client(String name, int node, String host) {
        return Peers.client(ClientOptions.of(playerPorts.get(node), version).withFakeHost(host).withUsername(name));
    }

    /** The player's chat line comes back from the backend: the session relays both ways. */
    private static void chats(String name) {
        String line = "hello from " + name + " " + UUID.randomUUID().toString().substring(0, 8);
        ClientPeer client = clients.get(name);
        client.chat(line);
        client.await(e -> "chat".equals(e.getString("event")) && e.getString("text", "").contains(line),
                "the chat line back", WAIT);
    }

    private static List<String> names(JsonArray players) {
        return players.stream().map(p -> ((JsonObject) p).getString("name")).toList();
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}

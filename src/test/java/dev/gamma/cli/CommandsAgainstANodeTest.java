package dev.gamma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.client.Formats;
import dev.gamma.testkit.Await;

import dev.gamma.cluster.PlayerEntry;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.protocol.Printable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every admin command, run as `gamma ...` against a real node with real clients connected. */
class CommandsAgainstANodeTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final String TOKEN = "s3cret-token";
    private static BackendPeer backend;
    private static LiveNode node;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        node = LiveNode.start("""
                routes:
                  - host: framed.test
                    backend: 127.0.0.1:%1$d
                    inspect: true
                  - host: raw.test
                    backend: 127.0.0.1:%1$d
                  - host: checked.test
                    backends: [127.0.0.1:%1$d, 127.0.0.1:%2$d]
                    health: {interval: 1s, timeout: 900ms, fails: 2, passes: 1}
                  - host: guarded.test
                    backend: 127.0.0.1:%1$d
                    access: {deny: [192.0.2.0/24]}
                """.formatted(backend.port(), LiveNode.freePort()), TOKEN);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void playersListsAConnectedClientInATable() {
        try (ClientPeer client = client("framed.test", "Lister")) {
            client.await("login", WAIT);
            Gamma run = Await.value(WAIT, "Lister listed", () -> {
                Gamma r = gamma("players");
                return r.out().contains("Lister") ? r : null;
            });
            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("NAME", "NODE", "ROUTE", "BACKEND", "ADDRESS", "VERSION", "ENCRYPTED",
                    "ONLINE FOR", "IN", "OUT");
            String row = run.out().lines().filter(l -> l.startsWith("Lister")).findFirst().orElseThrow();
            assertThat(row).contains("framed.test", "127.0.0.1:" + backend.port(), "769", "no");
            assertThat(gamma("players", "--route", "raw.test").out()).doesNotContain("Lister");
        }
    }

    @Test
    void playersJsonIsTheApisJson() {
        try (ClientPeer client = client("raw.test", "Jsonic")) {
            client.await("login", WAIT);
            JsonObject entry = Await.value(WAIT, "Jsonic in JSON", () -> {
                Gamma run = gamma("players", "--json");
                return new JsonArray(run.out().strip()).stream().map(JsonObject.class::cast)
                        .filter(p -> "Jsonic".equals(p.getString("name"))).findFirst().orElse(null);
            });
            assertThat(entry.getString("route")).isEqualTo("raw.test");
            assertThat(entry.getInteger("protocol")).isEqualTo(769);
            assertThat(entry.fieldNames()).contains("bytesIn", "bytesOut", "connectedAt", "node", "address");
        }
    }

    @Test
    void kickEndsTheSessionAndTheClientReadsTheReason() {
        try (ClientPeer client = client("framed.test", "Kickee")) {
            client.await("login", WAIT);
            Await.value(WAIT, "Kickee online", () -> gamma("players").out().contains("Kickee") ? true : null);
            Gamma run = gamma("kick", "kickee", "--reason", "Bye from the CLI");
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.out()).contains("kicked kickee (1 session(s))");
            assertThat(client.await("kicked", WAIT).getString("reason")).isEqualTo("Bye from the CLI");
        }
    }

    @Test
    void kickOfSomeoneOfflineFailsWithTheApisMessage() {
        Gamma run = gamma("kick", "Nobody");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("player Nobody is not online");
    }

    @Test
    void kickByIdEndsThatSessionAndPlayersNamedDotsAreKickedByName() {
        try (ClientPeer dot = client("framed.test", ".");
                ClientPeer dots = client("framed.test", "..")) {
            dot.await("login", WAIT);
            dots.await("login", WAIT);
            String id = Await.value(WAIT, ". listed with its id", () -> new JsonArray(
                    gamma("players", "--json").out().strip()).stream().map(JsonObject.class::cast)
                    .filter(p -> ".".equals(p.getString("name"))).map(p -> p.getString("id")).findFirst().orElse(null));

            Gamma byId = gamma("kick", "--id", id, "--reason", "One dot, by id");
            assertThat(byId.code()).as(byId.toString()).isZero();
            assertThat(byId.out()).contains("kicked session " + id + " (1 session(s))");
            assertThat(dot.await("kicked", WAIT).getString("reason")).isEqualTo("One dot, by id");

            Gamma byName = gamma("kick", "..", "--reason", "Two dots, by name");
            assertThat(byName.code()).as(byName.toString()).isZero();
            assertThat(byName.out()).contains("kicked .. (1 session(s))");
            assertThat(dots.await("kicked", WAIT).getString("reason")).isEqualTo("Two dots, by name");
        }
        Gamma gone = gamma("kick", "..");
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("player .. is not online");
    }

    @Test
    void kickOfASessionIdNotOnlineFailsWithTheApisMessage() {
        Gamma run = gamma("kick", "--id", "no-such-session");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("session no-such-session is not online");
    }

    @Test
    void textFromTheNetworkIsPrintedWithoutAControlCharacter() {
        String name = "Evil\u001b]0;owned\u0007\u001b[2J\nNotch";
        PlayerEntry odd = new PlayerEntry(node.node().crosstalk().nodes().selfId() + "-odd", name, "",
                node.node().crosstalk().nodes().selfId(), "route\u009b31m", "10.0.0.9:25565\u202e", "10.1.1.1\r",
                769, false, System.currentTimeMillis(), 0, 0);
        Await.await(node.node().crosstalk().players().put(odd));
        try {
            Gamma table = gamma("players");
            assertThat(table.code()).as(table.toString()).isZero();
            assertThat(controls(table.out())).isEmpty();
            assertThat(table.out().lines().filter(l -> l.startsWith("Evil"))).hasSize(1);
            assertThat(table.out().lines()).noneMatch(l -> l.startsWith("Notch"));
            assertThat(table.out()).contains("Evil\\u001b]0;owned\\u0007\\u001b[2J\\u000aNotch", "route\\u009b31m",
                    "10.0.0.9:25565\\u202e", "10.1.1.1\\u000d");

            Gamma json = gamma("players", "--json");
            assertThat(controls(json.out())).isEmpty();
            assertThat(new JsonArray(json.out().strip()).stream().map(JsonObject.class::cast)
                    .filter(p -> odd.id().equals(p.getString("id"))).map(p -> p.getString("name"))).containsExactly(name);

            Gamma kick = gamma("kick", "Evil\u001b[2J\u009b");
            assertThat(kick.code()).isEqualTo(1);
            assertThat(controls(kick.err())).isEmpty();
            assertThat(kick.err()).contains("player Evil\\u001b[2J\\u009b is not online");
        } finally {
            Await.await(node.node().crosstalk().players().remove(odd.id()));
        }
    }

    /** The characters of {@code printed} a terminal would act on, line ends aside. */
    private static List<Character> controls(String printed) {
        return printed.chars().filter(c -> c != '\n' && Printable.needsEscape((char) c)).mapToObj(c -> (char) c)
                .toList();
    }

    @Test
    void broadcastCountsWhomItReached() {
        try (ClientPeer framed = client("framed.test", "Hearer");
                ClientPeer raw = client("raw.test", "Deaf")) {
            framed.await("login", WAIT);
            raw.await("login", WAIT);
            Await.value(WAIT, "both online", () -> {
                String out = gamma("players").out();
                return out.contains("Hearer") && out.contains("Deaf") ? true : null;
            });
            Gamma run = gamma("broadcast", "Restart", "in", "5", "minutes");
            assertThat(run.code()).as(run.toString()).isZero();
            Matcher counts = Pattern.compile("reached (\\d+), could not reach (\\d+)").matcher(run.out());
            assertThat(counts.find()).as(run.out()).isTrue();
            assertThat(Integer.parseInt(counts.group(1))).isGreaterThanOrEqualTo(1);
            assertThat(Integer.parseInt(counts.group(2))).isGreaterThanOrEqualTo(1);
            framed.await(e -> "Restart in 5 minutes".equals(e.getString("text")), "broadcast", WAIT);
        }
    }

    @Test
    void routesMarksARouteWithAnAccessList() {
        List<String> lines = gamma("routes").out().lines().toList();

        assertThat(lines.get(0)).contains("ACCESS");
        assertThat(lines).filteredOn(l -> l.startsWith("guarded.test")).singleElement().asString().endsWith("access");
        assertThat(lines).filteredOn(l -> l.startsWith("raw.test")).singleElement().asString()
                .doesNotContain("access");
    }

    @Test
    void routesShowsTheHealthOfACheckedRoutesBackends() {
        String row = Await.value(WAIT, "both backends checked", () -> {
            String line = gamma("routes").out().lines().filter(l -> l.startsWith("checked.test")).findFirst()
                    .orElse("");
            return line.contains(" up,") && line.contains(" down") ? line : null;
        });
        assertThat(row).contains("127.0.0.1:" + backend.port() + " up,127.0.0.1:");
        assertThat(gamma("routes").out().lines().filter(l -> l.startsWith("raw.test")).findFirst().orElseThrow())
                .as("a route without checks lists bare backends").doesNotContain(" up", " unknown");
    }

    @Test
    void routesAreSetListedAndRemoved() {
        Gamma set = gamma("routes", "set", "Lobby.Example.com", "127.0.0.1:30001", "127.0.0.1:30002",
                "--strategy", "round-robin", "--max-players", "50", "--inspect");
        assertThat(set.code()).as(set.toString()).isZero();
        assertThat(set.out()).contains("lobby.example.com");

        Gamma list = gamma("routes");
        assertThat(list.code()).isZero();
        String row = list.out().lines().filter(l -> l.startsWith("lobby.example.com")).findFirst().orElseThrow();
        assertThat(row).contains("api", "127.0.0.1:30001,127.0.0.1:30002", "round-robin");
        assertThat(list.out()).contains("HOST", "SOURCE", "BACKENDS", "STRATEGY", "framed.test");
        assertThat(withoutHealth(gamma("routes", "list").out())).as("the states of checked backends may change between calls")
                .isEqualTo(withoutHealth(list.out()));
        JsonArray json = new JsonArray(gamma("routes", "list", "--json").out().strip());
        assertThat(json.stream().map(o -> ((JsonObject) o).getString("host"))).contains("lobby.example.com");

        Gamma removed = gamma("routes", "remove", "lobby.example.com");
        assertThat(removed.code()).isZero();
        assertThat(gamma("routes").out()).doesNotContain("lobby.example.com");
        Gamma again = gamma("routes", "remove", "lobby.example.com");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("no route for host lobby.example.com");
    }

    @Test
    void anInvalidRouteListsEveryProblem() {
        Gamma run = gamma("routes", "set", "bad.test", "not a backend", "--strategy", "sideways",
                "--proxy-protocol", "v9");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("invalid route", "strategy", "proxy-protocol");
        assertThat(run.err().lines().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void nodesListsThisNodeWithItsPlayers() {
        Gamma run = gamma("nodes");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("ID", "ADDRESS", "ADMIN", "PLAYERS", "UP FOR",
                Formats.shortId(node.node().crosstalk().nodes().selfId()), ":" + node.proxyPort());
        assertThat(new JsonArray(gamma("nodes", "--json").out().strip())).hasSize(1);
    }

    @Test
    void aWrongTokenIsRefusedWithAHint() {
        Gamma run = Gamma.run("players", "--api", node.api(), "--token", "wrong");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("--token", "GAMMA_TOKEN");
        Gamma none = Gamma.run("nodes", "--api", node.api());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("the node wants a token: pass --token or set GAMMA_TOKEN");
    }

    /**
     * Commands run one after the other in one process (the terminal UI's, or a JVM that embeds the CLI) share their
     * connections: a hundred of them are not refused for holding more than an address may (64).
     */
    @Test
    void aHundredCommandsFromOneProcessAreNotRefused() {
        for (int i = 0; i < 100; i++) {
            Gamma run = gamma("nodes");
            assertThat(run.err()).as("command %d", i).isEmpty();
            assertThat(run.code()).isZero();
        }
    }

    private static Gamma gamma(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--api", node.api(), "--token", TOKEN}, 0, all, args.length, 4);
        return Gamma.run(all);
    }

    private static ClientPeer client(String host, String name) {
        return Peers.client(ClientOptions.of(node.proxyPort(), "1.21.4").withFakeHost(host).withUsername(name));
    }

    private static String withoutHealth(String table) {
        return table.replaceAll(" (up|down|unknown)(?=[, ])", "").replaceAll(" +", " ");
    }
}

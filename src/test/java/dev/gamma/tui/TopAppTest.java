package dev.gamma.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.gamma.cli.LiveNode;
import dev.gamma.client.AdminApi;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code gamma top} in Lanterna's virtual 80×24 terminal, against a node with a real client connected. */
class TopAppTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static BackendPeer backend;
    private static LiveNode node;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        node = LiveNode.start("""
                duplicate-login: allow
                routes:
                  - host: framed.test
                    backend: 127.0.0.1:%d
                    inspect: true
                """.formatted(backend.port()), "top-token");
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
    void anOperatorFindsAPlayerOpensItKicksItAndQuits() throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        AdminApi api = new AdminApi(URI.create(node.api()), "top-token");
        try (ClientPeer client = Peers.client(ClientOptions.of(node.proxyPort(), "1.21.4")
                .withFakeHost("framed.test").withUsername("Watched"))) {
            client.await("login", WAIT);
            CompletableFuture<Void> app = CompletableFuture.runAsync(() -> {
                try {
                    new TopApp(api, terminal).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitScreen(terminal, "Watched", "players 1", "framed.test", "NODE", "ROUTE", "PLAYER");

            terminal.addInput(new KeyStroke(KeyType.Enter));
            // a screen may be caught halfway through a refresh: wait for all of it
            awaitScreen(terminal, "player Watched", "address", "127.0.0.1", "backend", "127.0.0.1:" + backend.port(),
                    "protocol 769", "connected for", "bytes in", "bytes out");

            terminal.setTerminalSize(new TerminalSize(100, 30));
            awaitScreen(terminal, "k kick  Esc back  q quit");

            terminal.addInput(new KeyStroke('k', false, false));
            awaitScreen(terminal, "kick Watched, reason:");
            "Bye from top".chars().forEach(c -> terminal.addInput(new KeyStroke((char) c, false, false)));
            awaitScreen(terminal, "reason: Bye from top");
            terminal.addInput(new KeyStroke(KeyType.Enter));
            assertThat(client.await("kicked", WAIT).getString("reason")).isEqualTo("Bye from top");
            awaitScreen(terminal, "kicked Watched (1 session(s))");
            awaitScreen(terminal, "Watched is no longer online");

            terminal.addInput(new KeyStroke(KeyType.Escape));
            awaitScreen(terminal, "no players online");
            terminal.addInput(new KeyStroke('q', false, false));
            app.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void kIsAKickOfTheSelectedSessionNotOfEverySessionOfItsName() throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        AdminApi api = new AdminApi(URI.create(node.api()), "top-token");
        try (ClientPeer first = client("Twin")) {
            first.await("login", WAIT);
            try (ClientPeer second = client("Twin")) {
                second.await("login", WAIT);
                CompletableFuture<Void> app = start(api, terminal);
                awaitScreen(terminal, "players 2");
                terminal.addInput(new KeyStroke('k', false, false));
                awaitScreen(terminal, "kick Twin, reason:");
                "Just you".chars().forEach(c -> terminal.addInput(new KeyStroke((char) c, false, false)));
                terminal.addInput(new KeyStroke(KeyType.Enter));

                assertThat(first.await("kicked", WAIT).getString("reason")).isEqualTo("Just you");
                awaitScreen(terminal, "kicked Twin (1 session(s))", "players 1");
                assertThat(second.events()).noneMatch(e -> "kicked".equals(e.getString("event"))
                        || "end".equals(e.getString("event")));
                terminal.addInput(new KeyStroke('q', false, false));
                app.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void oddTextIsDrawnEscapedAndTopGoesOn() throws Exception {
        String self = node.node().crosstalk().nodes().selfId();
        List<PlayerEntry> odd = List.of(
                entry(self + "-odd1", "\u001b[2J\u001b]0;owned\u0007\nEvil", "r\u009b31m.test"),
                entry(self + "-odd2", "\u540d\u524d\u540d\u524d", "framed.test"),
                entry(self + "-odd3", "\ud83d\ude00\ud83d\ude00", "framed.test"),
                entry(self + "-odd4", "L".repeat(500), "framed.test\u202e"));
        odd.forEach(entry -> Await.await(node.node().crosstalk().players().put(entry)));
        try {
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
            CompletableFuture<Void> app = start(new AdminApi(URI.create(node.api()), "top-token"), terminal);
            awaitScreen(terminal, "players 4", "\\u001b[2J\\u001b]…r\\u009b31m.test", "\\ud83d\\ude00\\ud8…",
                    "L".repeat(16) + "…framed.test\\u202e");
            terminal.addInput(new KeyStroke(KeyType.Enter));
            awaitScreen(terminal, "player \\u001b[2J\\u001b]0;owned\\u0007\\u000aEvil", "route          r\\u009b31m.test");
            terminal.addInput(new KeyStroke(KeyType.Escape));
            terminal.addInput(new KeyStroke('q', false, false));
            app.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            odd.forEach(entry -> Await.await(node.node().crosstalk().players().remove(entry.id())));
        }
    }

    private static PlayerEntry entry(String id, String name, String route) {
        return new PlayerEntry(id, name, "", node.node().crosstalk().nodes().selfId(), route, "10.0.0.9:25565",
                "10.1.1.1", 769, false, System.currentTimeMillis(), 0, 0);
    }

    private static ClientPeer client(String name) {
        return Peers.client(ClientOptions.of(node.proxyPort(), "1.21.4").withFakeHost("framed.test")
                .withUsername(name));
    }

    private static CompletableFuture<Void> start(AdminApi api, DefaultVirtualTerminal terminal) {
        return CompletableFuture.runAsync(() -> {
            try {
                new TopApp(api, terminal).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitScreen(DefaultVirtualTerminal terminal, String... texts) {
        try {
            Await.value(WAIT, "\"" + String.join("\", \"", texts) + "\" on screen",
                    () -> Arrays.stream(texts).allMatch(screen(terminal)::contains) ? true : null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + screen(terminal), e);
        }
    }

    static String screen(DefaultVirtualTerminal terminal) {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            for (int column = 0; column < size.getColumns(); column++) {
                text.append(terminal.getCharacter(column, row).getCharacterString());
            }
            text.append('\n');
        }
        return text.toString();
    }
}

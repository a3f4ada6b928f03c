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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code gamma top} as a separate program in a real 80×24 terminal (tmux), the way an operator runs it. */
class TopUnderTmuxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void topShowsThePlayerOpensItKicksItAndQuits() throws Exception {
        Assumptions.assumeTrue(Tmux.available(), "needs tmux on the PATH (.ci/run installs it)");
        Peers.assumeAvailable();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                LiveNode node = LiveNode.start("""
                        routes:
                          - host: framed.test
                            backend: 127.0.0.1:%d
                            inspect: true
                        """.formatted(backend.port()), "tmux-token");
                ClientPeer client = Peers.client(ClientOptions.of(node.proxyPort(), "1.21.4")
                        .withFakeHost("framed.test").withUsername("TmuxSeen"));
                Tmux tmux = new Tmux()) {
            client.await("login", Peers.TIMEOUT);
            tmux.start(script(node), 80, 24);

            awaitScreen(tmux, "TmuxSeen", "framed.test", "players 1");
            tmux.keys("Enter");
            // the detail screen is drawn in more than one refresh: wait for all of it
            awaitScreen(tmux, "player TmuxSeen", "protocol 769", "connected for", "bytes in");
            tmux.keys("k");
            awaitScreen(tmux, "kick TmuxSeen, reason:");
            tmux.type("Closing time");
            awaitScreen(tmux, "reason: Closing time");
            tmux.keys("Enter");
            assertThat(client.await("kicked", Peers.TIMEOUT).getString("reason")).isEqualTo("Closing time");
            awaitScreen(tmux, "kicked TmuxSeen (1 session(s))");
            tmux.keys("q");
            awaitScreen(tmux, "EXIT=0");
        }
    }

    @Test
    void oddNamesAreShownEscapedAndNeitherSteerTheTerminalNorStopTop() throws Exception {
        Assumptions.assumeTrue(Tmux.available(), "needs tmux on the PATH (.ci/run installs it)");
        try (LiveNode node = LiveNode.start("routes: [{host: odd.test, backend: 127.0.0.1:1}]\n", "tmux-token");
                Tmux tmux = new Tmux()) {
            String self = node.node().crosstalk().nodes().selfId();
            for (String[] odd : new String[][] {
                {"1", "\u001b]2;owned\u0007\u001b[2J\nEvil", "odd.test\u009b31m"},
                {"2", "\u540d\u524d\u540d\u524d", "wide.test"},
                {"3", "\ud83d\ude00".repeat(3), "odd.test\u202e"}}) {
                Await.await(node.node().crosstalk().players().put(new PlayerEntry(self + "-" + odd[0], odd[1], "",
                        self, odd[2], "10.0.0.9:25565", "10.1.1.1", 769, false, System.currentTimeMillis(), 0, 0)));
            }
            tmux.start(script(node), 80, 24);

            awaitScreen(tmux, "players 3", "\\u001b]2;owned\\u…", "odd.test\\u009b31m", "\u540d\u524d\u540d\u524d",
                    "\\ud83d\\ude00\\ud8…", "odd.test\\u202e");
            String wide = tmux.screen().lines().filter(l -> l.startsWith("\u540d")).findFirst().orElseThrow();
            assertThat(Formats.columns(wide.substring(0, wide.indexOf("wide.test")))).isEqualTo(17);
            tmux.keys("Enter");
            awaitScreen(tmux, "player \\u001b]2;owned\\u0007\\u001b[2J\\u000aEvil", "odd.test\\u009b31m");
            assertThat(tmux.paneTitle()).doesNotContain("owned");
            tmux.keys("q");
            awaitScreen(tmux, "EXIT=0");
        }
    }

    /** The command in a file: a test classpath is longer than tmux takes on its command line. */
    private static Path script(LiveNode node) throws Exception {
        Path script = Files.createTempFile("gamma-top", ".sh");
        script.toFile().deleteOnExit();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "CP='" + System.getProperty("java.class.path") + "'\n"
                + "'" + java + "' -cp \"$CP\" " + Main.class.getName() + " top --api " + node.api()
                + " --token tmux-token\n"
                + "echo EXIT=$?\nsleep 60\n");
        return script;
    }

    private static void awaitScreen(Tmux tmux, String... texts) {
        String text = String.join("\", \"", texts);
        try {
            Await.value(WAIT, "\"" + text + "\" in tmux",
                    () -> Arrays.stream(texts).allMatch(tmux.screen()::contains) ? true : null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + tmux.screen(), e);
        }
    }
}

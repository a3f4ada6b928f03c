package dev.gamma.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
            LiveNode.eventually(WAIT, "\"" + text + "\" in tmux",
                    () -> Arrays.stream(texts).allMatch(tmux.screen()::contains) ? true : null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + tmux.screen(), e);
        }
    }
}

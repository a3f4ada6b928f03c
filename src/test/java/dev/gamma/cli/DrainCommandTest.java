package dev.gamma.cli;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Await;
import java.net.ConnectException;
import java.net.Socket;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code gamma drain} against a real node (in this JVM: the node drains, the process stays). */
class DrainCommandTest {
    private static final String TOKEN = "drain-command-token";
    private LiveNode node;

    @BeforeEach
    void start() {
        node = LiveNode.start("routes: []\n", TOKEN);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void drainsTheNodeTheApiPointsAtAndNodesShowsItDraining() throws Exception {
        Gamma run = gamma("drain", "--deadline", "1h");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("node " + node.node().crosstalk().nodes().selfId() + " draining until");
        assertThat(gamma("nodes").out()).contains("draining (59m");
        Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", node.proxyPort()).close())
                .isInstanceOf(ConnectException.class);
        assertThat(node.node().scrapeMetrics()).contains("gamma_node_draining 1.0");

        // no session: the drain is over at once, and a shorter deadline is still answered
        await(node.node().drained());
        assertThat(gamma("drain", node.node().crosstalk().nodes().selfId(), "--deadline", "30s").code()).isZero();
    }

    @Test
    void cancelCallsTheDrainOffAndTheNodeTakesPlayersAgain() throws Exception {
        try (Socket waiting = new Socket("127.0.0.1", node.proxyPort())) { // a connection keeps the drain going
            Await.until(java.time.Duration.ofSeconds(5), "the connection counted",
                    () -> node.node().greetingConnections() == 1);
            assertThat(gamma("drain", "--deadline", "1h").code()).isZero();
            assertThat(gamma("drain", "--cancel", "--deadline", "1h").code()).as("--cancel takes no deadline")
                    .isEqualTo(Main.BAD_USAGE);

            Gamma run = gamma("drain", "--cancel");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("node " + node.node().crosstalk().nodes().selfId() + " serving again\n");
            assertThat(gamma("nodes").out()).contains("serving").doesNotContain("draining");
            new Socket("127.0.0.1", node.proxyPort()).close();
            assertThat(node.node().scrapeMetrics()).contains("gamma_node_draining 0.0");
            assertThat(node.node().drained().isComplete()).isFalse();
        }
    }

    @Test
    void aBadDeadlineOrAnUnknownNodeFailsWithTheApisMessageAndNothingDrains() {
        Gamma bad = gamma("drain", "--deadline", "forever");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("deadline: \"forever\" is not a duration");
        Gamma unknown = gamma("drain", "no-such-node");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no node no-such-node in the cluster");
        assertThat(gamma("nodes").out()).contains("serving").doesNotContain("draining");
        assertThat(node.node().scrapeMetrics()).contains("gamma_node_draining 0.0");
    }

    @Test
    void withoutTheTokenItIsRefused() {
        Gamma run = Gamma.run("drain", "--api", node.api());
        assertThat(run.code()).isEqualTo(1);
        assertThat(gamma("nodes").out()).doesNotContain("draining");
    }

    private Gamma gamma(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--api", node.api(), "--token", TOKEN}, 0, all, args.length, 4);
        return Gamma.run(all);
    }
}

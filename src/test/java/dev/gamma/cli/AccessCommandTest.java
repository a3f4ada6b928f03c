package dev.gamma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.RawClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code gamma access} against a running node: the fleet-wide list it sets is in force for the node's players. */
class AccessCommandTest {
    private static final String TOKEN = "access-cli-token";
    private static final String CLIENT = "127.0.0.9";
    private static LiveNode node;

    @BeforeAll
    static void start() {
        node = LiveNode.start("", TOKEN);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void denyAndRemoveChangeTheListTheNodeActsOn() throws Exception {
        assertThat(gamma("access").out()).contains("allow: (everyone not denied)", "deny:  (nobody)");
        assertThat(answer()).as("admitted: told there is no such server").isNotEmpty();

        Gamma denied = gamma("access", "deny", CLIENT);
        assertThat(denied.code()).as(denied.toString()).isZero();
        assertThat(denied.out()).contains("deny:  " + CLIENT);
        assertThat(answer()).as("closed at accept, unanswered").isEmpty();
        JsonObject json = new JsonObject(gamma("access", "--json").out().strip());
        assertThat(json.getJsonArray("deny").getList()).containsExactly(CLIENT);
        assertThat(json.getLong("setAt")).isPositive();
        Path saved = node.node().config().dataDir().resolve("access.json");
        assertThat(Files.readString(saved)).contains(CLIENT);

        Gamma bad = gamma("access", "deny", "evil.example.com");
        assertThat(bad.code()).isEqualTo(Main.FAILED);
        assertThat(bad.err()).contains("not an IP address");

        Gamma removed = gamma("access", "remove", CLIENT);
        assertThat(removed.out()).contains("deny:  (nobody)");
        assertThat(answer()).isNotEmpty();
        assertThat(Files.readString(saved)).doesNotContain(CLIENT);
    }

    /** What a login from {@link #CLIENT} to a host without a route is answered: a Disconnect, or nothing. */
    private static byte[] answer() throws Exception {
        try (RawClient client = RawClient.connectFrom(CLIENT, node.proxyPort())) {
            client.send(RawClient.login("nowhere.test", 765, "Knocker"));
            return client.readUntilClosed(5_000);
        }
    }

    private static Gamma gamma(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--api", node.api(), "--token", TOKEN}, 0, all, args.length, 4);
        return Gamma.run(all);
    }
}

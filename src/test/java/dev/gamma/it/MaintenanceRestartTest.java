package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone node keeps a route's maintenance, switched on through its API, over a restart with its data-dir. */
class MaintenanceRestartTest {
    @TempDir
    Path dir;

    @Test
    void maintenanceIsStillOnAfterARestartWithTheSameDataDir() {
        Peers.assumeAvailable();
        String yaml = """
                data-dir: %s
                routes:
                  - host: play.test
                    backend: 127.0.0.1:%d
                    inspect: true
                """;
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion())) {
            String config = yaml.formatted(dir.resolve("data"), backend.port());
            try (GammaFixture first = GammaFixture.start(config)) {
                AdminClient.Reply on = new AdminClient(first.adminPort(), null).put("/api/routes/play.test/maintenance",
                        new JsonObject().put("enabled", true).put("message", "Closed for the night")
                                .put("allow", new JsonArray().add("Night_Owl")));
                assertThat(on.status()).as(on.body()).isEqualTo(200);
            }
            try (GammaFixture again = GammaFixture.start(config)) {
                JsonObject status = Peers.ping("127.0.0.1", again.port(), "play.test", "1.21.4");
                assertThat(status.getJsonObject("version").getString("name")).isEqualTo("Maintenance");
                try (ClientPeer stranger = client(again, "Stranger")) {
                    assertThat(stranger.await("kicked", Peers.TIMEOUT).getString("reason"))
                            .isEqualTo("Closed for the night");
                }
                try (ClientPeer owl = client(again, "night_owl")) {
                    owl.await("login", Peers.TIMEOUT);
                }
            }
        }
    }

    private static ClientPeer client(GammaFixture node, String name) {
        return Peers.client(ClientOptions.of(node.port(), "1.21.4").withFakeHost("play.test").withUsername(name));
    }
}

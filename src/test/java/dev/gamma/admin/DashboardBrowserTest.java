package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.AdminConfig;
import dev.gamma.config.HostPort;
import dev.gamma.it.GammaFixture;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.NodePeer;
import dev.gamma.peers.Peers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web dashboard in headless Chromium ({@code src/test/node/dashboard-check.js}, playwright-core) against a
 * node with real clients: it asks for the token, shows the player, broadcasts, and kicks with a reason. The
 * player is named {@code ..}, a valid Minecraft name that no URL path can carry: the page kicks by session id.
 * The screenshot lands in {@code target/dashboard.png} (the README's {@code docs/dashboard.png} is one).
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration BROWSER_STEP = Duration.ofSeconds(45);
    private static final String TOKEN = "dash-s3cret";

    private BackendPeer backend;
    private GammaFixture gamma;
    private AdminServer admin;
    private int adminPort;
    private int downPort;

    @BeforeEach
    void start() throws Exception {
        Peers.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "needs Debian's chromium at " + CHROMIUM + " (apt-get install chromium)");
        Assumptions.assumeTrue(Files.isDirectory(Peers.nodeDirectory().resolve("node_modules/playwright-core")),
                "needs playwright-core: run `npm ci` in src/test/node");
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        downPort = GammaFixture.freePort();
        gamma = GammaFixture.start("""
                routes:
                  - host: play.example.com
                    backend: 127.0.0.1:%1$d
                    inspect: true
                  - host: lobby.example.com
                    backend: 127.0.0.1:%1$d
                  - host: checked.example.com
                    backends: [127.0.0.1:%1$d, 127.0.0.1:%2$d]
                    health: {interval: 500ms, timeout: 400ms, fails: 1, passes: 1}
                  - host: guarded.example.com
                    backend: 127.0.0.1:%1$d
                    access: {deny: [192.0.2.0/24]}
                """.formatted(backend.port(), downPort));
        admin = new AdminServer(gamma.vertx(), new AdminConfig(new HostPort("127.0.0.1", 0), TOKEN),
                new AdminServices(gamma.node().crosstalk(), gamma.node().commands(), gamma.node()::ready,
                        gamma.configFile().getParent()));
        adminPort = admin.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (admin != null) {
            admin.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (gamma != null) {
            gamma.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void operatorSeesThePlayerBroadcastsAndKicksThem() throws Exception {
        Path screenshot = Path.of(System.getProperty("user.dir"), "target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        try (ClientPeer dots = client("play.example.com", "..");
                ClientPeer steve = client("lobby.example.com", "Steve")) {
            dots.await("login", Peers.TIMEOUT);
            steve.await("login", Peers.TIMEOUT);
            try (NodePeer browser = NodePeer.start("dashboard", "dashboard-check.js", List.of(
                    "--url", "http://127.0.0.1:" + adminPort + "/",
                    "--token", TOKEN,
                    "--player", "..",
                    "--broadcast", "Restart in 5 minutes",
                    "--reason", "Kicked from the dashboard",
                    "--down-backend", "127.0.0.1:" + downPort,
                    "--guarded-route", "guarded.example.com",
                    "--plain-route", "lobby.example.com",
                    "--screenshot", screenshot.toString()))) {
                browser.await("launched", BROWSER_STEP);
                browser.await("login-form", BROWSER_STEP);
                assertThat(browser.await("refused", BROWSER_STEP).getString("error")).isEqualTo("wrong token");

                JsonObject shown = browser.await("player-shown", BROWSER_STEP);
                assertThat(shown.getString("row")).startsWith("..").contains("play.example.com", "127.0.0.1", "1.21.4");
                assertThat(shown.getString("players")).isEqualTo("2");
                JsonObject health = browser.await("backend-health", BROWSER_STEP);
                assertThat(health.getString("backends")).isEqualTo("127.0.0.1:" + backend.port() + " up\n127.0.0.1:"
                        + downPort + " down");
                assertThat(health.getString("color")).as("down stands out").isEqualTo("rgb(198, 40, 40)");
                JsonObject mark = browser.await("access-mark", BROWSER_STEP);
                assertThat(mark.getString("text")).isEqualTo("guarded.example.com \u2298");
                assertThat(mark.getString("title")).contains("deny: 192.0.2.0/24");
                assertThat(mark.getString("plain")).isEqualTo("lobby.example.com");
                browser.await("screenshot", BROWSER_STEP);
                assertThat(screenshot).isNotEmptyFile();

                // One framed session reached, the other relayed opaquely: the page shows the API's sums.
                assertThat(browser.await("broadcast", BROWSER_STEP).getString("result"))
                        .isEqualTo("reached 1, unreachable 1");
                dots.await(e -> "Restart in 5 minutes".equals(e.getString("text")), "broadcast", Peers.TIMEOUT);

                assertThat(browser.await("kick-result", BROWSER_STEP).getString("text")).isEqualTo("Kicked .. (1 session).");
                assertThat(dots.await("kicked", Peers.TIMEOUT).getString("reason")).isEqualTo("Kicked from the dashboard");
                assertThat(browser.await("player-gone", BROWSER_STEP).getString("detail")).contains(".. is not online");
                browser.await("end", BROWSER_STEP);
                assertThat(browser.waitForExit(BROWSER_STEP)).isZero();
                assertThat(browser.events()).noneMatch(e -> "page-error".equals(e.getString("event"))
                        || "error".equals(e.getString("event")));
            }
        }
    }

    private ClientPeer client(String host, String name) {
        return Peers.client(ClientOptions.of(gamma.port(), "1.21.4").withFakeHost(host).withUsername(name));
    }
}

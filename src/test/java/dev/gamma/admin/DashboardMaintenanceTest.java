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
import dev.gamma.route.Maintenance;
import dev.gamma.testkit.Await;
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
 * The dashboard's maintenance toggle in headless Chromium ({@code src/test/node/dashboard-maintenance.js}): it asks
 * for confirmation, switches the route on keeping its message and allow-list, shows the state, and switches it off;
 * a real client is refused and then let in.
 */
class DashboardMaintenanceTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration BROWSER_STEP = Duration.ofSeconds(45);
    private static final String TOKEN = "dash-maintenance-token";
    private static final String HOST = "play.example.com";

    private BackendPeer backend;
    private GammaFixture gamma;
    private AdminServer admin;
    private int adminPort;

    @BeforeEach
    void start() throws Exception {
        Peers.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
        Assumptions.assumeTrue(Files.isDirectory(Peers.nodeDirectory().resolve("node_modules/playwright-core")),
                "needs playwright-core: run `npm ci` in src/test/node");
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        gamma = GammaFixture.start("""
                routes:
                  - host: %s
                    backend: 127.0.0.1:%d
                    maintenance: {enabled: false, message: "Closed by the dashboard", allow: [Staff]}
                """.formatted(HOST, backend.port()));
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
    void theToggleAsksThenSwitchesTheRouteOnAndOff() {
        try (NodePeer browser = NodePeer.start("dashboard-maintenance", "dashboard-maintenance.js", List.of(
                "--url", "http://127.0.0.1:" + adminPort + "/", "--token", TOKEN, "--host", HOST))) {
            browser.await("launched", BROWSER_STEP);
            assertThat(browser.await("shown", BROWSER_STEP).getString("state")).isEqualTo("off");

            assertThat(browser.await("confirm", BROWSER_STEP).getString("message"))
                    .isEqualTo("Turn maintenance on for " + HOST + " on every node? Only 1 allowed name(s) can log in.");
            JsonObject on = browser.await("switched", BROWSER_STEP);
            assertThat(on.getString("text")).isEqualTo("On · turn off…");
            Maintenance stored = gamma.node().crosstalk().routes().snapshot().get(HOST).route().maintenance();
            assertThat(stored).isEqualTo(new Maintenance(true, "", "Closed by the dashboard", List.of("Staff"), false));
            try (ClientPeer guest = client("Guest")) {
                assertThat(guest.await("kicked", Peers.TIMEOUT).getString("reason")).isEqualTo("Closed by the dashboard");
            }
            browser.send(new JsonObject().put("cmd", "next"));

            assertThat(browser.await("confirm", BROWSER_STEP).getString("message")).startsWith("Turn maintenance off");
            assertThat(browser.await(e -> "switched".equals(e.getString("event")) && "off".equals(e.getString("state")),
                    "switched off", BROWSER_STEP).getString("text")).isEqualTo("Off · turn on…");
            Await.until(Peers.TIMEOUT, "off in the table", () -> !gamma.node().crosstalk().routes().snapshot().get(HOST)
                    .route().maintenance().enabled());
            try (ClientPeer guest = client("Guest")) {
                guest.await("login", Peers.TIMEOUT);
            }
            browser.send(new JsonObject().put("cmd", "next"));
            browser.await("end", BROWSER_STEP);
            assertThat(browser.events()).noneMatch(e -> "page-error".equals(e.getString("event"))
                    || "error".equals(e.getString("event")));
        }
    }

    private ClientPeer client(String name) {
        return Peers.client(ClientOptions.of(gamma.port(), "1.21.4").withFakeHost(HOST).withUsername(name));
    }
}

package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gamma.cluster.StandaloneCrosstalk;
import dev.gamma.config.AdminConfig;
import dev.gamma.config.ConfigException;
import dev.gamma.config.HostPort;
import dev.gamma.testkit.Await;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AdminAccessTest {
    private static final String STRONG_TOKEN = "a-token-of-at-least-32-characters";

    @TempDir
    Path dataDir;

    @Test
    void apiCallsNeedTheRightBearerToken() throws Exception {
        try (AdminFixture admin = new AdminFixture(dataDir, "s3cret")) {
            var right = admin.get("/api/players");
            admin.token = null;
            var missing = admin.get("/api/players");
            var missingOnUnknownPath = admin.get("/api/nothing-here");
            admin.token = "s3cre";
            var wrong = admin.get("/api/players");
            var wrongScheme = admin.send(admin.request("/api/players").header("Authorization", "Basic czNjcmV0"));

            assertThat(right.status()).isEqualTo(200);
            for (var refused : new AdminFixture.Reply[] {missing, missingOnUnknownPath, wrong, wrongScheme}) {
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.wwwAuthenticate()).isEqualTo("Bearer");
                assertThat(refused.error()).isNotBlank();
            }
            assertThat(missing.error()).contains("missing token");
            assertThat(wrong.error()).isEqualTo("wrong token");
        }
    }

    @Test
    void healthAndReadyNeedNoToken() throws Exception {
        try (AdminFixture admin = new AdminFixture(dataDir, "s3cret")) {
            admin.token = null;

            var health = admin.get("/health");
            var head = admin.call("HEAD", "/health", null);
            var starting = admin.get("/ready");
            admin.ready.set(true);
            var ready = admin.get("/ready");

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().getString("status")).isEqualTo("up");
            assertThat(head.status()).isEqualTo(200);
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.json().getString("status")).isEqualTo("starting");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().getString("status")).isEqualTo("ready");
        }
    }

    @Test
    void refusesToListenOffLoopbackWithoutAToken() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AdminServer server = new AdminServer(vertx, new AdminConfig(new HostPort("0.0.0.0", 0), ""),
                    services(vertx));

            assertThatThrownBy(() -> Await.await(server.start()))
                    .hasCauseInstanceOf(ConfigException.class)
                    .hasMessageContaining("admin.token");
        } finally {
            Await.await(vertx.close());
        }
    }

    @Test
    void listensOffLoopbackWithAToken() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AdminServer server = new AdminServer(vertx, new AdminConfig(new HostPort("0.0.0.0", 0), STRONG_TOKEN),
                    services(vertx));

            Logger logger = (Logger) LoggerFactory.getLogger(AdminServer.class);
            ListAppender<ILoggingEvent> logs = new ListAppender<>();
            logs.start();
            logger.addAppender(logs);
            try {
                assertThat(Await.await(server.start())).isPositive();
            } finally {
                logger.detachAppender(logs);
            }
            Await.await(server.stop());
            assertThat(logs.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("0.0.0.0:0").contains("off loopback");
            });
        } finally {
            Await.await(vertx.close());
        }
    }

    private AdminServices services(Vertx vertx) {
        return new AdminServices(new StandaloneCrosstalk(vertx, dataDir), new FakeCommands(), () -> true, dataDir);
    }
}

package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.gamma.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsAValidFile(Vertx vertx) throws Exception {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "bind: 0.0.0.0:1\n");
        GammaConfig config = Await.await(new ConfigLoader(vertx, file, Map.of()).load());
        assertThat(config.bind()).isEqualTo(new HostPort("0.0.0.0", 1));
    }

    @Test
    void failsWithAConfigExceptionListingEveryProblem(Vertx vertx) {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "bind: x\nlimits: {per-ip-rate: 0}\n");
        var load = new ConfigLoader(vertx, file, Map.of()).load();
        assertThat(load.toCompletionStage()).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(ConfigException.class)
                .withMessage(file + ":1: bind: \"x\" is not host:port\n"
                        + file + ":2: limits.per-ip-rate: must be > 0, got 0");
    }

    @Test
    void failsForAMissingFile(Vertx vertx) {
        Path file = dir.resolve("missing.yaml");
        var load = new ConfigLoader(vertx, file, Map.of()).load();
        assertThat(load.toCompletionStage()).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(ConfigException.class)
                .withMessage(file + ": file not found");
    }

    @Test
    void theEnvironmentOverridesTheFile(Vertx vertx) throws Exception {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "bind: 0.0.0.0:1\n");
        GammaConfig config = Await.await(
                new ConfigLoader(vertx, file, Map.of("GAMMA_BIND", "127.0.0.1:2", "PATH", "/usr/bin")).load());
        assertThat(config.bind()).isEqualTo(new HostPort("127.0.0.1", 2));
    }

    @Test
    void loadsAFileOfOnlyComments(Vertx vertx) throws Exception {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "# nothing set yet\n");
        GammaConfig config = Await.await(new ConfigLoader(vertx, file, Map.of()).load());
        assertThat(config).isEqualTo(ConfigReadingTest.defaults(dir));
    }

    @Test
    void failsForAFileOverOneMebibyte(Vertx vertx) {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "#" + "x".repeat(1024 * 1024) + "\n");
        var load = new ConfigLoader(vertx, file, Map.of()).load();
        assertThat(load.toCompletionStage()).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(ConfigException.class)
                .withMessage(file + ": file is larger than 1024 KiB");
    }

    @Test
    void warnsOnceAboutUnknownVariables(Vertx vertx) throws Exception {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "");
        try (LogCapture logs = new LogCapture()) {
            ConfigLoader loader = new ConfigLoader(vertx, file, Map.of("GAMMA_BIDN", "x", "GAMMA_API", "y"));
            Await.await(loader.load());
            Await.await(loader.load());
            assertThat(logs.messages(Level.WARN))
                    .containsExactly("GAMMA_BIDN is not a setting; ignoring it (did you mean GAMMA_BIND?)");
        }
    }
}

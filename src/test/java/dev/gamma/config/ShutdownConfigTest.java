package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownConfigTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheKeyASignalStopsAtOnceAsBefore() {
        assertThat(Fixture.parse(dir, "bind: 127.0.0.1:25565\n").shutdown()).isEqualTo(ShutdownConfig.DEFAULT);
        assertThat(ShutdownConfig.DEFAULT.drainDeadline()).isZero();
        assertThat(ShutdownConfig.DEFAULT.drainMessage()).isEqualTo("This proxy is restarting. Please reconnect.");
    }

    @Test
    void theShippedConfigurationShowsTheDefaults() {
        assertThat(Fixture.parse(Path.of("conf/gamma.yaml"), Map.of()).shutdown()).isEqualTo(ShutdownConfig.DEFAULT);
    }

    @Test
    void readsTheDeadlineAndTheMessage() {
        ShutdownConfig shutdown = Fixture.parse(dir, """
                shutdown:
                  drain-deadline: 10m
                  drain-message: "Back in a minute"
                """).shutdown();
        assertThat(shutdown).isEqualTo(new ShutdownConfig(Duration.ofMinutes(10), "Back in a minute"));
    }

    @Test
    void aDeadlineBeyond24HoursAnEmptyMessageOrAnUnknownKeyIsNamedWithItsLine() {
        Path file = dir.resolve("F");
        assertThat(Fixture.problems(file, """
                shutdown:
                  drain-deadline: 25h
                  drain-message: ""
                  drain-dedline: 1m
                """, Map.of())).containsExactly(
                file + ":2: shutdown.drain-deadline: must be at most 24h (0s stops without a drain), got 25h",
                file + ":3: shutdown.drain-message: must not be empty, got \"\"",
                file + ":4: shutdown.drain-dedline: unknown key (did you mean drain-deadline?)");
        assertThat(Fixture.problems(file, "shutdown: {drain-deadline: soon}\n", Map.of())).singleElement()
                .asString().startsWith(file + ":1: shutdown.drain-deadline: ").contains("\"soon\" is not a duration");
    }

    @Test
    void anApiDeadlineIsMoreThanZeroAndAtMost24Hours() {
        assertThat(ShutdownConfig.drainDeadline("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ShutdownConfig.drainDeadline("24h")).isEqualTo(Duration.ofHours(24));
        for (String bad : List.of("0s", "0", "24.001h", "-1s", "1d", "", "1e3")) {
            assertThatThrownBy(() -> ShutdownConfig.drainDeadline(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

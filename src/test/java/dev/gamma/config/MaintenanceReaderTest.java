package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceReaderTest {
    @TempDir
    Path dir;

    @Test
    void aRouteWithoutTheKeyIsNotInMaintenance() {
        GammaConfig config = Fixture.parse(dir, "routes: [{host: a.test, backend: 127.0.0.1:1}]\n");
        assertThat(config.routes().get(0).maintenance()).isNull();
    }

    @Test
    void everyKeyIsRead() {
        GammaConfig config = Fixture.parse(dir, """
                routes:
                  - host: a.test
                    backend: 127.0.0.1:1
                    maintenance:
                      enabled: true
                      motd: "§cBack at 6"
                      message: Upgrading to 1.21
                      allow: [Alice, bob_2]
                      kick-current: true
                """);
        assertThat(config.routes().get(0).maintenance()).isEqualTo(new MaintenanceConfig(true, "§cBack at 6",
                "Upgrading to 1.21", List.of("Alice", "bob_2"), true));
    }

    @Test
    void badNamesLongTextsAndUnknownKeysAreReportedWithTheirLines() {
        Path file = dir.resolve("gamma.yaml");
        List<String> problems = Fixture.problems(file, """
                routes:
                  - host: a.test
                    backend: 127.0.0.1:1
                    maintenance:
                      enabled: yes please
                      motd: "%s"
                      allow: [Alice, "two words", ThisNameIsFarTooLong]
                      kick-curent: true
                """.formatted("x".repeat(257)), Map.of());
        assertThat(problems).containsExactly(
                file + ":5: routes[0].maintenance.enabled: expected true or false, got \"yes please\"",
                file + ":6: routes[0].maintenance.motd: at most 256 characters, got " + "x".repeat(257),
                file + ":7: routes[0].maintenance.allow[1]: \"two words\" is not a player name"
                        + " (1 to 16 ASCII letters, digits or symbols)",
                file + ":7: routes[0].maintenance.allow[2]: \"ThisNameIsFarTooLong\" is not a player name"
                        + " (1 to 16 ASCII letters, digits or symbols)",
                file + ":8: routes[0].maintenance.kick-curent: unknown key (did you mean kick-current?)");
    }

    @Test
    void anAllowListOverAThousandNamesIsRefusedWithoutReadingEachName() {
        Path file = dir.resolve("gamma.yaml");
        String names = String.join(", ", Collections.nCopies(1_001, "\"bad name\""));
        List<String> problems = Fixture.problems(file, """
                routes:
                  - host: a.test
                    backend: 127.0.0.1:1
                    maintenance:
                      allow: [%s]
                """.formatted(names), Map.of());
        assertThat(problems).containsExactly(file + ":5: routes[0].maintenance.allow: at most 1000 names, got 1001");
    }
}

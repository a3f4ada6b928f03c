package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WakeConfigTest {
    @TempDir
    Path dir;

    @Test
    void aCommandWakeWithASleepCommandIsReadWithItsDefaults() {
        GammaConfig config = Fixture.parse(dir, """
                routes:
                  - host: a.example.com
                    backend: 127.0.0.1:25566
                    wake:
                      command: [/opt/start.sh, "--world", "a b"]
                      sleep-after: 10m
                      sleep: {command: [/opt/stop.sh]}
                """);
        WakeConfig wake = config.routes().get(0).wake();
        assertThat(wake.wake()).isEqualTo(new WakeConfig.Action("command", List.of("/opt/start.sh", "--world", "a b"),
                "", ""));
        assertThat(wake.hold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(wake.sleepAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(wake.sleep().command()).containsExactly("/opt/stop.sh");
        assertThat(wake.asleepMotd()).isEmpty();
        assertThat(config.routes().get(0).wake()).isNotNull();
    }

    @Test
    void aRouteWithoutWakeIsAlwaysOnAndADockerWakeNeedsNoSleepAction() {
        GammaConfig config = Fixture.parse(dir, """
                routes:
                  - {host: a.example.com, backend: 127.0.0.1:25566}
                  - host: b.example.com
                    backend: 127.0.0.1:25567
                    wake: {docker: mc-b, sleep-after: 5m, hold: 45s, asleep-motd: "zzz", starting-motd: "soon"}
                """);
        assertThat(config.routes().get(0).wake()).isNull();
        WakeConfig wake = config.routes().get(1).wake();
        assertThat(wake.wake().container()).isEqualTo("mc-b");
        assertThat(wake.sleep()).isNull();
        assertThat(wake.hold()).isEqualTo(Duration.ofSeconds(45));
        assertThat(wake.startingMotd()).isEqualTo("soon");
    }

    @Test
    void everyWrongWakeIsReportedWithFileAndLine() {
        Path file = dir.resolve("gamma.yaml");
        List<String> problems = Fixture.problems(file, """
                routes:
                  - host: a.example.com
                    backend: 127.0.0.1:1
                    wake: {command: [/bin/start], http: "http://x/"}
                  - host: b.example.com
                    backend: 127.0.0.1:2
                    wake:
                      http: "ftp://x/"
                  - host: c.example.com
                    backend: 127.0.0.1:3
                    wake:
                      docker: "bad name!"
                      hold: 0s
                  - host: d.example.com
                    backend: 127.0.0.1:4
                    wake:
                      command: [/bin/start]
                      sleep-after: 1m
                      wakeup: 1
                  - host: e.example.com
                    backend: 127.0.0.1:5
                    wake: {}
                  - host: f.example.com
                    backend: 127.0.0.1:6
                    wake: {command: []}
                """, Map.of());
        String f = file + ":";
        assertThat(problems).containsExactly(
                f + "4: routes[0].wake: needs exactly one action: command: [program, args...], http: URL or docker:"
                        + " CONTAINER",
                f + "8: routes[1].wake.http: expected an http:// or https:// URL with a host, got \"ftp://x/\"",
                f + "12: routes[2].wake.docker: expected a container name or id ([a-zA-Z0-9][a-zA-Z0-9_.-]*, at most"
                        + " 128 characters)",
                f + "13: routes[2].wake.hold: must be > 0, got 0s",
                f + "18: routes[3].wake.sleep-after: needs a sleep action (sleep: {command | http | docker})",
                f + "19: routes[3].wake.wakeup: unknown key",
                f + "22: routes[4].wake: needs exactly one action: command: [program, args...], http: URL or docker:"
                        + " CONTAINER",
                f + "25: routes[5].wake.command: must name a program");
    }

    @Test
    void theAdminApiCannotSetAWakeAction() {
        JsonObject body = new JsonObject().put("backend", "127.0.0.1:25566")
                .put("wake", new JsonObject().put("command", List.of("/bin/sh", "-c", "id > /tmp/owned")));
        assertThatThrownBy(() -> RouteParser.parse("a.example.com", body, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("wake: wake actions can only be set in the configuration file");
        JsonObject onlyMotd = new JsonObject().put("backend", "127.0.0.1:25566")
                .put("wake", new JsonObject().put("asleep-motd", "x"));
        assertThatThrownBy(() -> RouteParser.parse("a.example.com", onlyMotd, dir))
                .isInstanceOf(ConfigException.class);
    }
}

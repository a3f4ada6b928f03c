package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessConfigTest {
    @TempDir
    Path dir;

    @Test
    void globalAndRouteListsAreReadAsWritten() {
        GammaConfig config = Fixture.parse(dir, """
                access:
                  allow: [10.0.0.0/8, "2001:db8::/32"]
                  deny: [10.6.6.6]
                routes:
                  - host: a.example.com
                    backend: 127.0.0.1:25566
                    access: {deny: [" 192.0.2.0/24 "]}
                  - host: b.example.com
                    backend: 127.0.0.1:25567
                """);

        assertThat(config.access()).isEqualTo(new AccessConfig(List.of("10.0.0.0/8", "2001:db8::/32"),
                List.of("10.6.6.6")));
        assertThat(config.routes().get(0).access()).isEqualTo(new AccessConfig(List.of(), List.of("192.0.2.0/24")));
        assertThat(config.routes().get(1).access()).isEqualTo(AccessConfig.OPEN);
    }

    @Test
    void noAccessKeyAdmitsEveryone() {
        assertThat(Fixture.parse(dir, "bind: 0.0.0.0:25565\n").access()).isEqualTo(AccessConfig.OPEN);
    }

    @Test
    void theEnvironmentCanSetTheGlobalList() {
        Path file = Fixture.write(dir.resolve("gamma.yaml"), "bind: 0.0.0.0:25565\n");

        GammaConfig config = Fixture.parse(file, Map.of("GAMMA_ACCESS_DENY", "192.0.2.1,198.51.100.0/24"));

        assertThat(config.access().deny()).containsExactly("192.0.2.1", "198.51.100.0/24");
    }

    @Test
    void badEntriesAreNamedWithTheirFileAndLine() {
        Path file = dir.resolve("gamma.yaml");
        List<String> problems = Fixture.problems(file, """
                access:
                  deny:
                    - 10.0.0.0/8
                    - evil.example.com
                  allow: 10.0.0.0/8
                  block: []
                routes:
                  - host: a.example.com
                    backend: 127.0.0.1:25566
                    access: {allow: [10.0.0.0/33]}
                """, Map.of());

        assertThat(problems).containsExactlyInAnyOrder(
                file + ":4: access.deny[1]: \"evil.example.com\" is not an IP address or CIDR range (like 10.0.0.0/8)",
                file + ":5: access.allow: expected a list, got \"10.0.0.0/8\"",
                file + ":6: access.block: unknown key",
                file + ":10: routes[0].access.allow[0]: \"10.0.0.0/33\" is not an IP address or CIDR range"
                        + " (like 10.0.0.0/8)");
    }

    @Test
    void aListLongerThanTheBoundIsRefused() {
        Path file = dir.resolve("gamma.yaml");
        String many = String.join(", ", Collections.nCopies(AccessReader.MAX_ENTRIES + 1, "10.0.0.1"));

        List<String> problems = Fixture.problems(file, "access:\n  deny: [" + many + "]\n", Map.of());

        assertThat(problems).containsExactly(file + ":2: access.deny: lists 10001 entries; at most 10000 are allowed"
                + " (use CIDR ranges)");
    }
}

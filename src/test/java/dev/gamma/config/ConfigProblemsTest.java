package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of problem, with its exact message; {@code F} stands for the config file's path. */
class ConfigProblemsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> problems() {
        return Stream.of(
                arguments("a number out of range", """
                        bind: 0.0.0.0:25565
                        limits:
                          per-ip-rate: -1
                        """, List.of("F:3: limits.per-ip-rate: must be > 0, got -1")),
                arguments("an anti-bot trigger that is not a rate", "anti-bot:\n  enabled: true\n  trigger: fast\n",
                        List.of("F:3: anti-bot.trigger: \"fast\" is not a rate (like 50/s or 600/m)")),
                arguments("an anti-bot trigger of nothing", "anti-bot: {trigger: 0/s}\n",
                        List.of("F:1: anti-bot.trigger: must be more than 0 logins a second, got 0/s")),
                arguments("an anti-bot verification there is none of", "anti-bot:\n  verify: captcha\n",
                        List.of("F:2: anti-bot.verify: unknown verification \"captcha\" (one of reconnect)")),
                arguments("an anti-bot window too short to reconnect in", "anti-bot:\n  reconnect-within: 1s\n",
                        List.of("F:2: anti-bot.reconnect-within: must be at least 5s: players need time to read the"
                                + " message and reconnect, maybe to another node")),
                arguments("a misspelt anti-bot key", "anti-bot:\n  trust-fr: 1h\n",
                        List.of("F:2: anti-bot.trust-fr: unknown key (did you mean trust-for?)")),
                arguments("a misspelt key", """
                        bind: 0.0.0.0:25565
                        admin:
                          token: x
                        limts: {per-ip-rate: 1}
                        """, List.of("F:4: limts: unknown key (did you mean limits?)")),
                arguments("a misspelt nested key", "timeouts:\n  handshak: 1s\n",
                        List.of("F:2: timeouts.handshak: unknown key (did you mean handshake?)")),
                arguments("an unknown key with nothing close", "colour: blue\n", List.of("F:1: colour: unknown key")),
                arguments("a node-timeout under a second", "cluster:\n  node-timeout: 500ms\n",
                        List.of("F:2: cluster.node-timeout: must be at least 1s, got 500ms")),
                arguments("an unknown strategy", """
                        routes:
                          - host: a.example.com
                            backend: 10.0.0.1:25565
                          - host: b.example.com
                            backends: [10.0.0.2:25565, 10.0.0.3:25565]
                            max-players: 10
                            strategy: fastest
                        """, List.of("F:7: routes[1].strategy: unknown strategy \"fastest\""
                        + " (one of first, round-robin, random, least-connections)")),
                arguments("a backend without a port", """
                        routes:
                          - host: a.example.com
                            backend: 10.0.0.1:25565
                          - host: b.example.com
                            backend: localhost
                        """, List.of("F:5: routes[1].backend: \"localhost\" is not host:port")),
                arguments("health checks out of range", """
                        routes:
                          - host: a.example.com
                            backends: [10.0.0.1:25565, 10.0.0.2:25565]
                            health:
                              interval: 0s
                              fails: 0
                              passes: -1
                              retry: 3
                        """, List.of("F:5: routes[0].health.interval: must be > 0, got 0s",
                        "F:6: routes[0].health.fails: must be >= 1, got 0",
                        "F:7: routes[0].health.passes: must be >= 1, got -1",
                        "F:8: routes[0].health.retry: unknown key")),
                arguments("a health timeout not shorter than its interval",
                        "routes:\n- host: a\n  backend: a:1\n  health: {interval: 2s, timeout: 2s}\n",
                        List.of("F:4: routes[0].health.timeout: must be shorter than interval")),
                arguments("a backend with port 0", "routes: [{host: a, backend: a:0}]\n",
                        List.of("F:1: routes[0].backend: a backend needs a port from 1 to 65535, got a:0")),
                arguments("a bad backend in a list", "routes:\n- host: a\n  backends: [a:1, 'b:x']\n",
                        List.of("F:3: routes[0].backends[1]: \"b:x\" is not host:port"
                                + " (port \"x\" is not a number from 0 to 65535)")),
                arguments("an unknown proxy-protocol", "routes:\n- host: a\n  backend: a:1\n  proxy-protocol: v3\n",
                        List.of("F:4: routes[0].proxy-protocol: unknown proxy-protocol \"v3\" (one of none, v1, v2)")),
                arguments("the client's UUID asked for without bungeecord forwarding",
                        "routes:\n- host: a\n  backend: a:1\n  forwarding-client-uuid: true\n",
                        List.of("F:4: routes[0].forwarding-client-uuid: applies only with forwarding: bungeecord")),
                arguments("status.players, max and sample out of their ranges", """
                        routes:
                          - host: a
                            backend: a:1
                            status:
                              players: everyone
                              max: -5
                              sample: "names please"
                              samples: true
                        """, List.of(
                        "F:5: routes[0].status.players: unknown players \"everyone\" (one of backend, network)",
                        "F:6: routes[0].status.max: must be >= 0, got -5",
                        "F:7: routes[0].status.sample: expected true or false, got \"names please\"",
                        "F:8: routes[0].status.samples: unknown key (did you mean sample?)")),
                arguments("a route without host or backend", "routes:\n  - strategy: first\n", List.of(
                        "F:2: routes[0]: needs a host (a hostname, a list of hostnames, a *.suffix wildcard or *)",
                        "F:2: routes[0]: needs a backend (backend: host:port, or backends: [host:port, ...])")),
                arguments("both backend and backends", "routes:\n- host: a\n  backend: a:1\n  backends: [b:2]\n",
                        List.of("F:4: routes[0]: has both backend and backends; use one")),
                arguments("an empty backends list", "routes:\n- host: a\n  backends: []\n",
                        List.of("F:3: routes[0].backends: must list at least one backend")),
                arguments("a bad host", "routes:\n- host: [a.com, 'bad host', 'x*.com']\n  backend: a:1\n", List.of(
                        "F:2: routes[0].host[1]: \"bad host\" is not a hostname, a *.suffix wildcard or *",
                        "F:2: routes[0].host[2]: \"x*.com\" is not a hostname, a *.suffix wildcard or *")),
                arguments("a host in two routes, differently cased", """
                        routes:
                          - host: [play.example.com, "*"]
                            backend: a:1
                          - host: Play.Example.com
                            backend: b:1
                        """, List.of("F:4: routes[1].host: \"play.example.com\" is already routed by routes[0]")),
                arguments("a negative max-players", "routes: [{host: a, backend: a:1, max-players: -5}]\n",
                        List.of("F:1: routes[0].max-players: must be >= 0, got -5")),
                arguments("a route that is not a map", "routes:\n  - play.example.com\n", List.of(
                        "F:2: routes[0]: expected a route (a map with host and backend), got \"play.example.com\"")),
                arguments("routes that are not a list", "routes:\n  host: a\n",
                        List.of("F:2: routes: expected a list of routes, got a map")),
                arguments("a section that is not a map", "timeouts: 5\n",
                        List.of("F:1: timeouts: expected a map, got \"5\"")),
                arguments("a word where a number goes", "limits:\n  per-ip-burst: lots\n",
                        List.of("F:2: limits.per-ip-burst: expected a whole number, got \"lots\"")),
                arguments("a fraction where a whole number goes", "limits: {per-ip-burst: 2.5}\n",
                        List.of("F:1: limits.per-ip-burst: expected a whole number, got 2.5")),
                arguments("a list where a string goes", "admin:\n  token: [a, b]\n",
                        List.of("F:2: admin.token: expected a string, got a list")),
                arguments("a string where a list goes", "cluster:\n  members: a:5701\n",
                        List.of("F:2: cluster.members: expected a list, got \"a:5701\"")),
                arguments("a word where a boolean goes", "proxy-protocol: {enabled: maybe}\n",
                        List.of("F:1: proxy-protocol.enabled: expected true or false, got \"maybe\"")),
                arguments("a bad duration", "timeouts:\n  handshake: 5 sec\n", List.of("F:2: timeouts.handshake:"
                        + " \"5 sec\" is not a duration (like 500ms, 5s, 2m, 1h, or a number of seconds)")),
                arguments("a zero timeout", "timeouts: {connect: 0ms}\n",
                        List.of("F:1: timeouts.connect: must be > 0, got 0ms")),
                arguments("a zero login timeout", "timeouts: {login: 0s, stalled: 0ms}\n",
                        List.of("F:1: timeouts.login: must be > 0, got 0s",
                                "F:1: timeouts.stalled: must be > 0, got 0ms")),
                arguments("a handshake cap too small", "limits: {max-handshake-bytes: 10}\n",
                        List.of("F:1: limits.max-handshake-bytes: must be between 256 and 65536, got 10")),
                arguments("no memory for unfinished packets", "limits: {max-unfinished-packets-mib: 0}\n",
                        List.of("F:1: limits.max-unfinished-packets-mib: must be between 1 and 65536, got 0")),
                arguments("a bad bind", "bind: 25565\n", List.of("F:1: bind: \"25565\" is not host:port")),
                arguments("an unbracketed IPv6 bind", "bind: ':::25565'\n", List.of("F:1: bind: \":::25565\""
                        + " is not host:port (write an IPv6 address in brackets, like [::1]:25565)")),
                arguments("a bad trusted range", "proxy-protocol: {trusted: [10.0.0.0/33]}\n", List.of(
                        "F:1: proxy-protocol.trusted[0]: \"10.0.0.0/33\" is not an IP address or CIDR range"
                                + " (like 10.0.0.0/8)")),
                arguments("proxy protocol with nobody trusted", "proxy-protocol:\n  enabled: true\n  trusted: []\n",
                        List.of("F:3: proxy-protocol.trusted: is empty, so every connection would be refused;"
                                + " list the addresses of the load balancers in front")),
                arguments("an unknown discovery", "cluster: {discovery: kubernetes}\n", List.of(
                        "F:1: cluster.discovery: unknown discovery \"kubernetes\" (one of tcp-ip, multicast, dns)")),
                arguments("dns discovery without a name", "cluster:\n  enabled: true\n  discovery: dns\n"
                        + "  secret: 0123456789abcdef0123456789abcdef\n",
                        List.of("F:3: cluster.dns-name: must be set when discovery is dns")),
                arguments("an empty cluster name", "cluster: {name: ''}\n",
                        List.of("F:1: cluster.name: must not be empty, got \"\"")),
                arguments("a key set twice", "bind: 0.0.0.0:1\nadmin: {}\nbind: 0.0.0.0:2\n",
                        List.of("F:3: bind: set twice (first on line 1)")),
                arguments("a list at the top level", "- bind\n",
                        List.of("F:1: expected a map of settings at the top level, got a list")),
                arguments("bad indentation", "limits:\n  per-ip-rate: 5\n per-ip-burst: 10\n", List.of(
                        "F:3: invalid YAML: expected <block end>, but found '<block mapping start>'"
                                + " (column 2, while parsing a block mapping from line 1)")),
                arguments("an unclosed bracket", "cluster:\n  members: [a:1, b:2\nbind: x\n", List.of(
                        "F:3: invalid YAML: expected ',' or ']', but got : (column 5,"
                                + " while parsing a flow sequence from line 2)")),
                arguments("a tab", "limits:\n\tper-ip-rate: 5\n", List.of("F:2: invalid YAML: found character"
                        + " '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (column 1)")),
                arguments("a recursive alias", "cluster:\n  members: &m [*m]\n",
                        List.of("F:2: cluster.members[0]: contains itself (a recursive alias)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void problems(String name, String yaml, List<String> expected) {
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, yaml, Map.of()))
                .containsExactlyElementsOf(expected.stream().map(p -> p.replace("F:", file + ":")).toList());
    }

    @Test
    void reportsEveryProblemAtOnceInLineOrder() {
        Path file = dir.resolve("gamma.yaml");
        List<String> problems = Fixture.problems(file, """
                bind: nowhere
                limits:
                  per-ip-rate: -1
                  per-ip-burst: 0
                routes:
                  - host: a.example.com
                    backend: localhost
                    strategy: fastest
                  - host: A.example.com
                    backend: 10.0.0.1:25565
                    inspect: sometimes
                cluster:
                  node-timeout: soon
                limts: {}
                """, Map.of("GAMMA_ADMIN_BIND", "everywhere"));
        assertThat(problems).containsExactly(
                file + ":1: bind: \"nowhere\" is not host:port",
                file + ":3: limits.per-ip-rate: must be > 0, got -1",
                file + ":4: limits.per-ip-burst: must be >= 1, got 0",
                file + ":7: routes[0].backend: \"localhost\" is not host:port",
                file + ":8: routes[0].strategy: unknown strategy \"fastest\""
                        + " (one of first, round-robin, random, least-connections)",
                file + ":9: routes[1].host: \"a.example.com\" is already routed by routes[0]",
                file + ":11: routes[1].inspect: expected true or false, got \"sometimes\"",
                file + ":13: cluster.node-timeout: \"soon\" is not a duration"
                        + " (like 500ms, 5s, 2m, 1h, or a number of seconds)",
                file + ":14: limts: unknown key (did you mean limits?)",
                "env GAMMA_ADMIN_BIND: admin.bind: \"everywhere\" is not host:port");
    }

    @Test
    void aMissingFileIsAProblem() {
        Path file = dir.resolve("nope.yaml");
        assertThat(catchProblems(file)).containsExactly(file + ": file not found");
    }

    private static List<String> catchProblems(Path file) {
        try {
            Fixture.parse(file, Map.of());
            return List.of();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
            return e.problems();
        }
    }
}

package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.AdminConfig;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The topology of {@code docker-compose.cluster.yml} without Docker: the compose file's Gamma services run as
 * local JVMs on loopback, with the mounted config file and each service's environment (the env file made by the
 * quick start's own command from docs/docker.md), the addresses remapped to free loopback ports and DNS discovery
 * replaced by tcp-ip on those ports. The demo backends become real nmp backends, the routes of a copy of the
 * config file point at them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeTopologyIT {
    private static final Path COMPOSE = Path.of("docker-compose.cluster.yml");
    private static final Path DOCKER_DOC = Path.of("docs", "docker.md");
    private static final String ENV_TEMPLATE_SUFFIX = ".example";
    private static final Path JAR = Path.of("target", "gamma.jar");
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final Duration PROPAGATION = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    /** Where the quick start's command ran: env files are read from here, as Compose reads them from the repo. */
    private static Path quickStart;

    private static Map<String, Object> services;
    private static final List<String> gammaNames = new ArrayList<>();
    private static final Map<String, BackendPeer> backends = new LinkedHashMap<>();
    private static final List<Process> nodes = new ArrayList<>();
    private static final List<List<String>> output = new ArrayList<>();
    private static final List<Integer> proxyPorts = new ArrayList<>();
    private static final List<AdminClient> admins = new ArrayList<>();
    private static String token;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        quickStart = runQuickStartCommand();
        Map<String, Object> compose = load(COMPOSE);
        services = (Map<String, Object>) compose.get("services");
        services.forEach((name, body) -> {
            if (environment((Map<String, Object>) body).containsKey("GAMMA_CONFIG")) {
                gammaNames.add(name);
            }
        });
        assertThat(gammaNames).as("Gamma services in the compose file").hasSize(3);
        Map<String, Object> first = service(gammaNames.get(0));
        Map<String, String> firstEnv = environment(first);
        token = firstEnv.get("GAMMA_ADMIN_TOKEN");
        assertThat(token).as("GAMMA_ADMIN_TOKEN from the env file").hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(AdminConfig.EXAMPLE_TOKEN);

        Peers.assumeAvailable();

        // The config file the services mount at GAMMA_CONFIG, its routes pointed at nmp backends.
        Path config = mountedFile(first, firstEnv.get("GAMMA_CONFIG"));
        Map<String, Object> yaml = load(config);
        for (Object r : (List<Object>) yaml.get("routes")) {
            Map<String, Object> route = (Map<String, Object>) r;
            String[] hostPort = ((String) route.get("backend")).split(":");
            assertThat(services).as("route backend is a compose service").containsKey(hostPort[0]);
            BackendPeer backend = backends.computeIfAbsent(hostPort[0],
                    name -> Peers.backend(BackendOptions.defaults().withAnyVersion().withName(name)));
            route.put("backend", "127.0.0.1:" + backend.port());
        }
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path copy = dir.resolve("cluster.yaml");
        Files.writeString(copy, new Yaml(dump).dump(yaml));

        int[] proxy = new int[3];
        int[] admin = new int[3];
        int[] cluster = new int[3];
        for (int i = 0; i < 3; i++) {
            proxy[i] = GammaFixture.freePort();
            admin[i] = GammaFixture.freePort();
            cluster[i] = GammaFixture.freePort();
        }
        String members = "127.0.0.1:%d,127.0.0.1:%d,127.0.0.1:%d".formatted(cluster[0], cluster[1], cluster[2]);
        for (int i = 0; i < 3; i++) {
            Map<String, String> env = new LinkedHashMap<>(environment(service(gammaNames.get(i))));
            env.put("GAMMA_CONFIG", copy.toString());
            env.put("GAMMA_BIND", remap(env.get("GAMMA_BIND"), proxy[i]));
            env.put("GAMMA_ADMIN_BIND", remap(env.get("GAMMA_ADMIN_BIND"), admin[i]));
            env.put("GAMMA_CLUSTER_BIND", remap(env.get("GAMMA_CLUSTER_BIND"), cluster[i]));
            env.put("GAMMA_CLUSTER_DISCOVERY", "tcp-ip");
            env.remove("GAMMA_CLUSTER_DNS_NAME");
            env.put("GAMMA_CLUSTER_MEMBERS", members);
            env.put("GAMMA_DATA_DIR", dir.resolve("data-" + (i + 1)).toString());
            start(i, env);
            proxyPorts.add(proxy[i]);
            admins.add(new AdminClient(admin[i], token));
        }
        for (int i = 0; i < 3; i++) {
            awaitReady(i);
        }
    }

    @AfterAll
    static void stop() {
        nodes.forEach(Process::destroyForcibly);
        backends.values().forEach(BackendPeer::close);
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void composeFileDescribesADnsRoundRobinClusterWithHealthChecks() {
        List<String> published = new ArrayList<>();
        for (String name : gammaNames) {
            Map<String, Object> service = service(name);
            Map<String, String> env = environment(service);
            assertThat(env).containsEntry("GAMMA_CLUSTER_ENABLED", "true")
                    .containsEntry("GAMMA_BIND", "0.0.0.0:25565")
                    .containsEntry("GAMMA_ADMIN_BIND", "0.0.0.0:8080")
                    .containsEntry("GAMMA_CLUSTER_DISCOVERY", "dns");
            assertThat(env.get("GAMMA_CLUSTER_SECRET")).as("the cluster secret from the env file").hasSizeGreaterThan(31);
            // the nodes find each other, and listen for each other, on a network the backends are not on
            Map<String, Object> networks = (Map<String, Object>) service.get("networks");
            String alias = env.get("GAMMA_CLUSTER_DNS_NAME");
            List<String> withAlias = networks.entrySet().stream()
                    .filter(n -> n.getValue() instanceof Map<?, ?> m && m.get("aliases") instanceof List<?> l
                            && l.contains(alias))
                    .map(Map.Entry::getKey).toList();
            assertThat(withAlias).as(name + " has the alias " + alias + " on one network").hasSize(1);
            Map<String, Object> crosstalk = (Map<String, Object>) networks.get(withAlias.get(0));
            assertThat(env.get("GAMMA_CLUSTER_BIND")).isEqualTo(crosstalk.get("ipv4_address") + ":5701");
            for (String backend : backends.keySet()) {
                Object backendNetworks = service(backend).get("networks");
                assertThat(backendNetworks instanceof Map<?, ?> m ? m.keySet() : (List<Object>) backendNetworks)
                        .as(backend + " is kept off the cluster's network").doesNotContain(withAlias.get(0));
            }
            assertThat(service).containsKey("healthcheck");
            Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
            assertThat(dependsOn.keySet()).containsExactlyInAnyOrderElementsOf(backends.keySet());
            dependsOn.values().forEach(c -> assertThat(((Map<String, Object>) c).get("condition")).isEqualTo("service_healthy"));
            published.addAll((List<String>) service.get("ports"));
        }
        // players on every interface; the admin API on this machine only
        assertThat(published).containsExactlyInAnyOrder("25565:25565", "25566:25565", "25567:25565",
                "127.0.0.1:8081:8080", "127.0.0.1:8082:8080", "127.0.0.1:8083:8080");
        for (String backend : backends.keySet()) {
            Map<String, Object> service = service(backend);
            assertThat((String) service.get("image")).startsWith("itzg/minecraft-server");
            assertThat(environment(service)).containsEntry("EULA", "TRUE").containsKey("ONLINE_MODE");
            assertThat(service).containsKey("healthcheck");
        }
    }

    @Test
    @Order(2)
    void playersThroughDifferentNodesAreListedByEveryNode() throws Exception {
        assertThat(JsonArrayNames(admins.get(0).get("/api/nodes").array(), "id")).hasSize(3);
        try (ClientPeer alice = client(0, "play.localhost", "Alice");
                ClientPeer bob = client(1, "survival.localhost", "Bob");
                ClientPeer carol = client(2, "play.localhost", "Carol")) {
            for (ClientPeer c : List.of(alice, bob, carol)) {
                c.await("login", WAIT);
            }
            backends.get("lobby").awaitLogin("Alice", WAIT);
            backends.get("survival").awaitLogin("Bob", WAIT);
            for (AdminClient admin : admins) {
                Await.until(PROPAGATION, "all three listed", () -> JsonArrayNames(admin.get("/api/players").array(), "name")
                        .containsAll(List.of("Alice", "Bob", "Carol")));
            }
            assertThat(admins.get(2).get("/api/players/Bob").object().getString("route")).isEqualTo("survival.localhost");
            assertThat(admins.get(0).withToken("wrong", "/api/players").status()).isEqualTo(401);

            // docs/docker.md: kill one node and watch its players leave the list.
            nodes.get(1).destroyForcibly();
            nodes.get(1).waitFor(10, TimeUnit.SECONDS);
            for (int i : new int[] {0, 2}) {
                AdminClient admin = admins.get(i);
                Await.until(Duration.ofSeconds(30), "Bob gone from node " + (i + 1), () -> {
                    List<String> names = JsonArrayNames(admin.get("/api/players").array(), "name");
                    return !names.contains("Bob") && names.containsAll(List.of("Alice", "Carol"));
                });
            }
        }
    }

    @Test
    @Order(3)
    void aNodeRefusesTheTemplatesExampleTokenWithItsAdminApiOffLoopback() throws Exception {
        Map<String, Object> service = service(gammaNames.get(0));
        Map<String, String> env = new LinkedHashMap<>(environment(service,
                file -> COMPOSE.toAbsolutePath().getParent().resolve(file + ENV_TEMPLATE_SUFFIX)));
        assertThat(env).containsEntry("GAMMA_ADMIN_TOKEN", AdminConfig.EXAMPLE_TOKEN);
        env.put("GAMMA_CONFIG", dir.resolve("cluster.yaml").toString());
        env.put("GAMMA_ADMIN_BIND", "0.0.0.0:" + GammaFixture.freePort()); // as in the compose file: off loopback
        env.put("GAMMA_CLUSTER_ENABLED", "false");

        start(nodes.size(), env);
        Process node = nodes.get(nodes.size() - 1);

        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the node exits").isTrue();
        assertThat(node.exitValue()).isEqualTo(2);
        assertThat(String.join("\n", output.get(output.size() - 1)))
                .contains("env GAMMA_ADMIN_TOKEN: admin.token: is the example token of docker/cluster.env.example")
                .doesNotContain("Gamma ready");
    }

    /**
     * Runs the command of docs/docker.md's quick start that writes {@code docker/cluster.env}, in a directory of
     * its own, and answers that directory.
     */
    private static Path runQuickStartCommand() throws Exception {
        List<String> commands = Files.readAllLines(DOCKER_DOC).stream().map(String::strip)
                .filter(line -> line.endsWith("> docker/cluster.env")).distinct().toList();
        assertThat(commands).as("the command in " + DOCKER_DOC + " that writes docker/cluster.env").hasSize(1);
        Path where = Files.createDirectories(dir.resolve("quick-start/docker")).getParent();
        Process shell = new ProcessBuilder("bash", "-c", commands.get(0)).directory(where.toFile())
                .redirectErrorStream(true).start();
        String said = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(30, TimeUnit.SECONDS) && shell.exitValue() == 0).as(commands.get(0) + ": " + said)
                .isTrue();
        return where;
    }

    private static ClientPeer client(int node, String host, String name) {
        return Peers.client(ClientOptions.of(proxyPorts.get(node), "1.21.4").withFakeHost(host).withUsername(name));
    }

    private static List<String> JsonArrayNames(JsonArray array, String key) {
        return array.stream().map(p -> ((JsonObject) p).getString(key)).toList();
    }

    private static String remap(String hostPort, int port) {
        assertThat(hostPort).as("an address to remap").matches(".+:\\d+");
        return "127.0.0.1:" + port;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    /**
     * The service's environment as Compose computes it: env_file entries (as the quick start wrote them), then
     * environment over them.
     */
    private static Map<String, String> environment(Map<String, Object> service) {
        return environment(service, quickStart::resolve);
    }

    /** As {@link #environment(Map)}, with each env file found by {@code envFile}. */
    private static Map<String, String> environment(Map<String, Object> service, Function<String, Path> envFile) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String file : envFiles(service)) {
            env.putAll(readEnvFile(envFile.apply(file)));
        }
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        } else if (environment instanceof List<?> entries) {
            for (Object e : entries) {
                String s = String.valueOf(e);
                env.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static List<String> envFiles(Map<String, Object> service) {
        Object files = service.get("env_file");
        List<Object> list = files == null ? List.of() : files instanceof List<?> l ? (List<Object>) l : List.of(files);
        return list.stream().map(String::valueOf).toList();
    }

    /** KEY=VALUE lines, as Compose reads an env file (no quotes, no expansion). */
    private static Map<String, String> readEnvFile(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                    env.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("env_file " + file, e);
        }
        return env;
    }

    /** The host file a service mounts at {@code containerPath}. */
    @SuppressWarnings("unchecked")
    private static Path mountedFile(Map<String, Object> service, String containerPath) {
        for (Object v : (List<Object>) service.get("volumes")) {
            String[] parts = ((String) v).split(":");
            if (parts.length >= 2 && parts[1].equals(containerPath)) {
                return COMPOSE.toAbsolutePath().getParent().resolve(parts[0]).normalize();
            }
        }
        throw new AssertionError("no volume mounts " + containerPath);
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return new Yaml(new LoaderOptions()).load(Files.readString(file));
    }

    private static void start(int node, Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(), "run").redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GAMMA_"));
        builder.environment().putAll(env);
        List<String> lines = new CopyOnWriteArrayList<>();
        output.add(lines);
        Process process = builder.start();
        nodes.add(process);
        Thread copier = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the node is gone
            }
        }, "compose-node-" + (node + 1));
        copier.setDaemon(true);
        copier.start();
    }

    private static void awaitReady(int node) {
        List<String> lines = output.get(node);
        Await.until(Duration.ofSeconds(90), gammaNames.get(node) + " ready; output:\n" + String.join("\n", lines), () -> {
            if (!nodes.get(node).isAlive()) {
                throw new AssertionError(gammaNames.get(node) + " exited:\n" + String.join("\n", lines));
            }
            return lines.stream().anyMatch(l -> l.contains("Gamma ready"));
        });
    }
}

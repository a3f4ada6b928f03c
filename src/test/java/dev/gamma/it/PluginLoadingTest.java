package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.ConfigException;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.pipeline.HandlerRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin under examples/ is compiled, jarred, dropped into plugins/ and used by a route. */
class PluginLoadingTest {
    private static final Path EXAMPLE = Path.of("examples", "chat-filter", "src", "main");

    @TempDir
    Path dir;

    @Test
    void examplePluginIsLoadedAndFiltersRealChat() throws Exception {
        Path plugins = buildExamplePlugin();
        assertThat(HandlerRegistry.withPlugins(plugins).names()).contains("chat-filter", "packet-stats", "log-chat");
        Peers.assumeAvailable();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                GammaFixture gamma = GammaFixture.start("""
                        plugins-dir: %s
                        routes:
                          - host: filtered.test
                            backend: 127.0.0.1:%d
                            handlers: [chat-filter]
                        """.formatted(plugins, backend.port()))) {
            var options = ClientOptions.of(gamma.port(), "1.20.4").withFakeHost("filtered.test").withUsername("Potty")
                    .withChat("well DARN it");
            try (ClientPeer client = Peers.client(options)) {
                assertThat(backend.awaitChat("Potty", Peers.TIMEOUT).getString("message")).isEqualTo("well **** it");
                client.await(e -> "Some words are masked on this server.".equals(e.getString("text")), "notice",
                        Peers.TIMEOUT);
            }
        }
    }

    @Test
    void aReloadNamingAPluginHandlerNoRouteUsedBeforePutsItInForce() throws Exception {
        Path plugins = buildExamplePlugin();
        Peers.assumeAvailable();
        String route = """
                plugins-dir: %s
                routes:
                  - host: filtered.test
                    backend: 127.0.0.1:%d
                """;
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                GammaFixture gamma = GammaFixture.start(route.formatted(plugins, backend.port()))) {
            gamma.reload(route.formatted(plugins, backend.port()) + "    handlers: [chat-filter]\n");

            var options = ClientOptions.of(gamma.port(), "1.20.4").withFakeHost("filtered.test").withUsername("Later")
                    .withChat("what the heck");
            try (ClientPeer client = Peers.client(options)) {
                assertThat(backend.awaitChat("Later", Peers.TIMEOUT).getString("message")).isEqualTo("what the ****");
            }
        }
    }

    @Test
    void routeNamingAnUnknownHandlerIsRefusedWithTheKnownNames() throws Exception {
        Path file = dir.resolve("gamma.yaml");
        Files.writeString(file, """
                bind: 127.0.0.1:0
                routes:
                  - host: a.test
                    backend: 127.0.0.1:1
                    handlers: [no-such-handler]
                """);
        assertThat(GammaFixture.deployFailure(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ": routes[0].handlers: unknown handler \"no-such-handler\"")
                .hasMessageContaining("log-chat, packet-stats");
    }

    /** Builds examples/chat-filter the way its pom would: compile against Gamma, jar with its service file. */
    private Path buildExamplePlugin() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        List<String> args = new java.util.ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        args.addAll(sources);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("example compiles").isZero();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(plugins.resolve("chat-filter.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            add(jar, classes);
            add(jar, EXAMPLE.resolve("resources"));
        }
        Files.setPosixFilePermissions(plugins.resolve("chat-filter.jar"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
        return plugins;
    }

    private static void add(JarOutputStream jar, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
    }
}

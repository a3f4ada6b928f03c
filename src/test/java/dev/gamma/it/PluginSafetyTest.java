package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.config.ConfigException;
import dev.gamma.pipeline.HandlerRegistry;
import dev.gamma.pipeline.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which plugin jars a node refuses, and which plugin code it runs: real jars, built here. */
class PluginSafetyTest {
    @TempDir
    Path dir;
    Path plugins;
    Path markers;

    @BeforeEach
    void directories() throws Exception {
        plugins = dir.resolve("plugins");
        markers = Files.createDirectories(dir.resolve("markers"));
    }

    @Test
    void aDirectoryEveryUserMayWriteIsRefusedNamingIt() throws Exception {
        TestPlugins.markerJar(plugins.resolve("idle.jar"), "idle", markers, true);
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> HandlerRegistry.withPlugins(plugins))
                .isInstanceOf(PluginException.class)
                .hasMessage(plugins + " is writable by its group and every user (rwxrwxrwx), who could then run code"
                        + " in Gamma; plugins must be writable by their owner only (chmod go-w " + plugins + ")");
        assertThat(TestPlugins.marks(markers)).isEmpty();
    }

    @Test
    void aJarItsGroupMayWriteIsRefusedNamingItAndNoPluginIsLoaded() throws Exception {
        TestPlugins.markerJar(plugins.resolve("a-fine.jar"), "fine", markers, false);
        Path jar = TestPlugins.markerJar(plugins.resolve("b-shared.jar"), "shared", markers, true);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-r--"));

        assertThatThrownBy(() -> HandlerRegistry.withPlugins(plugins))
                .isInstanceOf(PluginException.class)
                .hasMessage(jar + " is writable by its group (rw-rw-r--), who could then run code in Gamma;"
                        + " plugins must be writable by their owner only (chmod go-w " + jar + ")");
        assertThat(TestPlugins.marks(markers)).as("not even the safe jar's factory").isEmpty();
    }

    @Test
    void aPluginNoRouteNamesRunsNoneOfItsCode() throws Exception {
        TestPlugins.markerJar(plugins.resolve("idle.jar"), "idle", markers, true);
        try (GammaFixture gamma = GammaFixture.start("""
                plugins-dir: %s
                routes:
                  - host: plain.test
                    backend: 127.0.0.1:1
                    handlers: [packet-stats]
                """.formatted(plugins))) {
            HandlerRegistry registry = gamma.node().handlerRegistry();
            assertThat(registry.names()).contains("idle", "packet-stats");
            assertThat(TestPlugins.marks(markers)).as("class not initialized, factory not constructed").isEmpty();

            registry.factory("idle");
            assertThat(TestPlugins.marks(markers)).containsExactly("idle.constructed", "idle.initialized");
        }
    }

    @Test
    void aPluginWithoutHandlerNameIsRefusedWithoutRunningItsCode() {
        TestPlugins.markerJar(plugins.resolve("legacy.jar"), "legacy", markers, false);

        assertThatThrownBy(() -> HandlerRegistry.withPlugins(plugins))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("has no @HandlerName: a plugin's factory must declare the name of its handler");
        assertThat(TestPlugins.marks(markers)).isEmpty();
    }

    @Test
    void aJarOfAnotherUserIsRefused() throws Exception {
        Path jar = TestPlugins.markerJar(plugins.resolve("theirs.jar"), "theirs", markers, true);
        UserPrincipal nobody;
        try {
            nobody = jar.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(jar, nobody);
        } catch (IOException notPermitted) {
            org.junit.jupiter.api.Assumptions.abort("needs to give a file to the user nobody (run as root)");
            return;
        }
        assertThatThrownBy(() -> HandlerRegistry.withPlugins(plugins))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining(jar + " belongs to nobody, who could then run code in Gamma");
        assertThat(TestPlugins.marks(markers)).isEmpty();
    }

    @Test
    void aDirectoryAboveThePluginsThatOthersMayWriteIsRefused() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path inner = Files.createDirectories(shared.resolve("plugins"));
        TestPlugins.markerJar(inner.resolve("fine.jar"), "fine", markers, true);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> HandlerRegistry.withPlugins(inner))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining(shared.toRealPath() + " is writable by its group and every user")
                .hasMessageContaining("it holds the plugins directory");
    }

    @Test
    void aRouteNamingAPluginThatCannotBeConstructedIsRefusedWithTheReason() throws Exception {
        Path jar = TestPlugins.build(plugins.resolve("broken.jar"), "test.broken.Factory", """
                package test.broken;

                @dev.gamma.pipeline.HandlerName("broken")
                public final class Factory implements dev.gamma.pipeline.PacketHandlerFactory {
                    public Factory() {
                        throw new IllegalStateException("no licence key");
                    }

                    @Override
                    public dev.gamma.pipeline.PacketHandler create() {
                        return (packet, context) -> { };
                    }
                }
                """);
        Path file = Files.writeString(dir.resolve("gamma.yaml"), """
                bind: 127.0.0.1:0
                data-dir: %s
                plugins-dir: %s
                routes:
                  - host: broken.test
                    backend: 127.0.0.1:1
                    handlers: [broken]
                """.formatted(dir.resolve("data"), plugins));
        assertThat(GammaFixture.deployFailure(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": routes[0].handlers: handler broken (test.broken.Factory in " + jar
                        + ") cannot be constructed: java.lang.IllegalStateException: no licence key");
    }

    @Test
    void twoPluginsWithOneNameAreRefusedNamingBothJars() {
        Path first = TestPlugins.markerJar(plugins.resolve("one.jar"), "twin", markers, true);
        Path second = TestPlugins.build(plugins.resolve("two.jar"), "test.other.Factory", """
                package test.other;

                @dev.gamma.pipeline.HandlerName("twin")
                public final class Factory implements dev.gamma.pipeline.PacketHandlerFactory {
                    @Override
                    public dev.gamma.pipeline.PacketHandler create() {
                        return (packet, context) -> { };
                    }
                }
                """);

        assertThatThrownBy(() -> HandlerRegistry.withPlugins(plugins))
                .isInstanceOf(PluginException.class)
                .extracting(e -> ((PluginException) e).problems())
                .isEqualTo(List.of("two handlers are called twin: test.plugin.twin.Factory in " + first
                        + " and test.other.Factory in " + second));
        assertThat(TestPlugins.marks(markers)).isEmpty();
    }
}

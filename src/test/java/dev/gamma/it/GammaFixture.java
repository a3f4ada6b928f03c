package dev.gamma.it;

import dev.gamma.node.GammaNode;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Gamma node in this JVM, configured from YAML text exactly as a file on disk would be. */
public final class GammaFixture implements AutoCloseable {
    private final Vertx vertx;
    private final Path configFile;
    private final GammaNode node;

    private GammaFixture(Vertx vertx, Path configFile, GammaNode node) {
        this.vertx = vertx;
        this.configFile = configFile;
        this.node = node;
    }

    /** Starts a node from {@code yaml}; a missing {@code bind} becomes 127.0.0.1 on a free port. */
    public static GammaFixture start(String yaml) {
        return start(yaml, true);
    }

    /** As {@link #start(String)}, on Vert.x's NIO transport: what a node uses where epoll is not available. */
    public static GammaFixture startOnNio(String yaml) {
        return start(yaml, false);
    }

    private static GammaFixture start(String yaml, boolean nativeTransport) {
        try {
            Path dir = Files.createTempDirectory("gamma-it");
            Path file = dir.resolve("gamma.yaml");
            String withBind = yaml.contains("\nbind:") || yaml.startsWith("bind:")
                    ? yaml : "bind: 127.0.0.1:" + freePort() + "\n" + yaml;
            if (!withBind.contains("data-dir:")) {
                withBind = "data-dir: " + dir.resolve("data") + "\n" + withBind;
            }
            Files.writeString(file, withBind);
            Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(nativeTransport));
            GammaConfig config = await(new ConfigLoader(vertx, file, Map.of()).load());
            GammaNode node = await(new GammaNode(vertx, config).start());
            return new GammaFixture(vertx, file, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return node.proxyPort();
    }

    public GammaNode node() {
        return node;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Rewrites the config file (keeping the bind) and applies it, as the file watcher would. */
    public void reload(String yaml) {
        try {
            Files.writeString(configFile, "bind: 127.0.0.1:" + port() + "\n" + yaml);
            node.apply(await(new ConfigLoader(vertx, configFile, Map.of()).load()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path configFile() {
        return configFile;
    }

    @Override
    public void close() {
        await(node.stop().eventually(vertx::close));
    }

    /** A port nobody listens on (bound, then released). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("gave up waiting: " + e.getMessage(), e);
        }
    }
}

package dev.gamma.it;

import static dev.gamma.testkit.Await.await;

import dev.gamma.config.ConfigLoader;
import dev.gamma.node.GammaNode;
import dev.gamma.node.GammaVerticle;
import dev.gamma.testkit.LoopbackPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Gamma node in this JVM, configured from YAML text exactly as a file on disk would be. */
public final class GammaFixture implements AutoCloseable {
    private final Vertx vertx;
    private final Path configFile;
    private final GammaVerticle verticle;

    private GammaFixture(Vertx vertx, Path configFile, GammaVerticle verticle) {
        this.vertx = vertx;
        this.configFile = configFile;
        this.verticle = verticle;
    }

    /**
     * Deploys a node from {@code yaml} as {@code gamma run} does; a missing {@code bind} becomes 127.0.0.1 on a free
     * port, and so does a missing {@code admin} section's.
     */
    public static GammaFixture start(String yaml) {
        return start(yaml, null);
    }

    /** As {@link #start(String)}, on Vert.x's NIO transport: what a node uses where no native one is available. */
    public static GammaFixture startOnNio(String yaml) {
        return start(yaml, Transport.NIO);
    }

    /** As {@link #start(String)}, with the event loops on {@code transport}. */
    public static GammaFixture startOn(Transport transport, String yaml) {
        return start(yaml, transport);
    }

    /** {@code transport} null: Vert.x's native transport, epoll, as {@code relay.transport: auto} takes. */
    private static GammaFixture start(String yaml, Transport transport) {
        try {
            Path dir = Files.createTempDirectory("gamma-it");
            Path file = dir.resolve("gamma.yaml");
            String withBind = yaml.contains("\nbind:") || yaml.startsWith("bind:")
                    ? yaml : "bind: 127.0.0.1:" + freePort() + "\n" + yaml;
            if (!withBind.contains("\nadmin:") && !withBind.startsWith("admin:")) {
                withBind = "admin: {bind: 127.0.0.1:" + freePort() + "}\n" + withBind;
            }
            if (!withBind.contains("data-dir:")) {
                withBind = "data-dir: " + dir.resolve("data") + "\n" + withBind;
            }
            Files.writeString(file, withBind);
            VertxBuilder builder = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true));
            Vertx vertx = (transport == null ? builder : builder.withTransport(transport)).build();
            GammaVerticle verticle = new GammaVerticle(file).withEnvironment(Map.of());
            try {
                await(vertx.deployVerticle(verticle));
            } catch (AssertionError e) {
                vertx.close();
                throw e;
            }
            return new GammaFixture(vertx, file, verticle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deploys a node from {@code configFile} that must fail to start, and answers why. */
    public static Throwable deployFailure(Path configFile) {
        Vertx vertx = Vertx.vertx();
        try {
            return vertx.deployVerticle(new GammaVerticle(configFile).withEnvironment(Map.of()))
                    .transform(ar -> ar.succeeded()
                            ? Future.failedFuture(new AssertionError("the node started"))
                            : Future.succeededFuture(ar.cause()))
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("gave up waiting for the node to fail: " + e.getMessage(), e);
        } finally {
            vertx.close();
        }
    }

    public int port() {
        return verticle.node().proxyPort();
    }

    public GammaNode node() {
        return verticle.node();
    }

    public int adminPort() {
        return verticle.adminPort();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Rewrites the config file (keeping the bind) and applies it, as the file watcher would. */
    public void reload(String yaml) {
        try {
            Files.writeString(configFile, "bind: 127.0.0.1:" + port() + "\n" + yaml);
            node().apply(await(new ConfigLoader(vertx, configFile, Map.of()).load()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path configFile() {
        return configFile;
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    /**
     * A port nobody listens on, below the ephemeral range ({@link LoopbackPorts}): one the kernel chose would be
     * free for any outgoing connection to take as its source port before the node binds it.
     */
    public static int freePort() {
        return LoopbackPorts.run(1);
    }
}

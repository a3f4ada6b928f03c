package dev.gamma.cli;

import static dev.gamma.testkit.Await.await;

import dev.gamma.it.GammaFixture;
import dev.gamma.node.GammaNode;
import dev.gamma.node.GammaVerticle;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A standalone node in this JVM with its admin API on loopback, started the way {@code gamma run} starts
 * one: the commands under test reach it over HTTP like an operator's shell would.
 */
public final class LiveNode implements AutoCloseable {
    private final Vertx vertx;
    private final GammaVerticle verticle;

    private LiveNode(Vertx vertx, GammaVerticle verticle) {
        this.vertx = vertx;
        this.verticle = verticle;
    }

    /** @param routesYaml the {@code routes:} section (or any other top-level keys) */
    public static LiveNode start(String routesYaml, String token) {
        try {
            Path dir = Files.createTempDirectory("gamma-cli");
            Path file = dir.resolve("gamma.yaml");
            Files.writeString(file, "bind: 127.0.0.1:" + freePort() + "\n"
                    + "data-dir: " + dir.resolve("data") + "\n"
                    + "admin: {bind: 127.0.0.1:" + freePort() + ", token: \"" + token + "\"}\n" + routesYaml);
            Vertx vertx = Vertx.vertx();
            GammaVerticle verticle = new GammaVerticle(file).withEnvironment(Map.of());
            await(vertx.deployVerticle(verticle));
            return new LiveNode(vertx, verticle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String api() {
        return "http://127.0.0.1:" + verticle.adminPort();
    }

    public int proxyPort() {
        return verticle.node().proxyPort();
    }

    public GammaNode node() {
        return verticle.node();
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    public static int freePort() {
        return GammaFixture.freePort();
    }
}

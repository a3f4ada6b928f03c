package dev.gamma.cli;

import dev.gamma.node.GammaNode;
import dev.gamma.admin.AdminServer;
import dev.gamma.admin.AdminServices;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.it.Eventually;
import dev.gamma.it.GammaFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A standalone node in this JVM with its admin API on loopback, started the way {@code gamma run} starts
 * one: the commands under test reach it over HTTP like an operator's shell would.
 */
public final class LiveNode implements AutoCloseable {
    private final Vertx vertx;
    private final GammaNode node;
    private final AdminServer admin;
    private final int adminPort;

    private LiveNode(Vertx vertx, GammaNode node, AdminServer admin, int adminPort) {
        this.vertx = vertx;
        this.node = node;
        this.admin = admin;
        this.adminPort = adminPort;
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
            GammaConfig config = await(new ConfigLoader(vertx, file, Map.of()).load());
            GammaNode node = new GammaNode(vertx, config);
            AdminServer admin = new AdminServer(vertx, config.admin(),
                    new AdminServices(node.crosstalk(), node.commands(), node::ready, dir));
            int adminPort = await(admin.start());
            await(node.start());
            return new LiveNode(vertx, node, admin, adminPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String api() {
        return "http://127.0.0.1:" + adminPort;
    }

    public int proxyPort() {
        return node.proxyPort();
    }

    public GammaNode node() {
        return node;
    }

    @Override
    public void close() {
        try {
            await(admin.stop().eventually(node::stop));
        } finally {
            // the stop futures belong to an event loop that closing Vert.x ends: close after them, not chained
            await(vertx.close());
        }
    }

    public static int freePort() {
        return GammaFixture.freePort();
    }

    static <T> T await(Future<T> future) {
        return GammaFixture.await(future);
    }

    /** Polls {@code probe} until it answers non-null. */
    public static <T> T eventually(Duration timeout, String what, Supplier<T> probe) {
        return Eventually.value(timeout, what, probe);
    }
}

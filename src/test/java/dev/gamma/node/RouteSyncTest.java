package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ConfiguredRoutes;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.config.RouteParser;
import dev.gamma.route.Route;
import dev.gamma.route.RouteJson;
import dev.gamma.route.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteSyncTest {
    private static final String FULL_ROUTE = """
            routes:
              - host: [lobby.example.com, "*.lobby.example.com"]
                backends: [10.0.0.1:25565, "[fd00::2]:25566"]
                strategy: least-connections
                proxy-protocol: v2
                rewrite-host: internal.lobby
                max-players: 100
                status: {cache-ttl: 2m, fallback: {motd: Down, version: "1.21", favicon: icon.png, online: 1, max: 20}}
                messages: {backend-down: Back soon}
                handlers: [chat-log]
                inspect: true
                forwarding: bungeecord
                forwarding-client-uuid: true
              - host: play.example.com
                backend: 127.0.0.1:25566
            """;

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTableServesTheStoresRouteObjectsWithoutReadingThemAgain() throws Exception {
        Map<String, SharedRoute> shared = byHost(RouteSync.fileRoutes(load(FULL_ROUTE)));

        RouteTable table = RouteSync.table(shared);

        for (SharedRoute entry : shared.values()) {
            assertThat(table.lookup(entry.host().replace("*", "x"))).containsSame(entry.route());
        }
    }

    @Test
    void anApiRouteOnOneHostOfAFileRouteTakesOnlyThatHost() throws Exception {
        Map<String, SharedRoute> shared = byHost(RouteSync.fileRoutes(load(FULL_ROUTE)));
        SharedRoute api = new SharedRoute("x.lobby.example.com", route("x.lobby.example.com", "10.0.0.7:1"),
                SharedRoute.Source.API, 5);
        Map<String, SharedRoute> withApi = new HashMap<>(shared);
        withApi.put("*.lobby.example.com", new SharedRoute("*.lobby.example.com",
                route("*.lobby.example.com", "10.0.0.8:1"), SharedRoute.Source.API, 5));
        withApi.put(api.host(), api);

        RouteTable table = RouteSync.table(withApi);

        assertThat(table.lookup("lobby.example.com").orElseThrow().name()).isEqualTo("lobby.example.com");
        assertThat(table.lookup("a.lobby.example.com").orElseThrow().backends().get(0).port()).isEqualTo(1);
        assertThat(table.lookup("a.lobby.example.com").orElseThrow().name()).isEqualTo("*.lobby.example.com");
        assertThat(table.lookup("x.lobby.example.com")).containsSame(api.route());
    }

    @Test
    void aRelativeFaviconIsReadFromTheConfigFilesDirectoryNotTheWorkingDirectory() throws Exception {
        assertThat(Path.of("icon.png")).as("this test needs a working directory without icon.png").doesNotExist();

        Route lobby = RouteSync.table(byHost(RouteSync.fileRoutes(load(FULL_ROUTE))))
                .lookup("lobby.example.com").orElseThrow();

        assertThat(lobby.fallback().favicon())
                .isEqualTo(RouteJson.FAVICON_PREFIX + Base64.getEncoder().encodeToString(png()));
    }

    @Test
    void whatTheCodecWritesIsWhatTheFileSaysAndWhatAPutOfItStores() throws Exception {
        GammaConfig config = load(FULL_ROUTE);

        for (var configured : config.routes()) {
            Route route = ConfiguredRoutes.route(configured);
            JsonObject json = RouteJson.encode(route);
            assertThat(RouteJson.decode(json)).isEqualTo(route);
            // a GET's answer PUT back (through the API's strict reading) stores the same route
            assertThat(ConfiguredRoutes.route(RouteParser.parse(route.name(), json, dir))).isEqualTo(
                    RouteJson.decode(json.copy().put("host", List.of(route.name()))));
        }
    }

    @Test
    void theCodecsDefaultsAreTheConfigFilesDefaults() throws Exception {
        Route fromFile = ConfiguredRoutes.route(load(FULL_ROUTE).routes().get(1));

        Route fromJson = RouteJson.decode("{\"host\":[\"play.example.com\"],\"backends\":[\"127.0.0.1:25566\"]}");

        assertThat(fromJson).isEqualTo(fromFile);
    }

    private GammaConfig load(String yaml) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.write(conf.resolve("icon.png"), png());
        Path file = Files.writeString(conf.resolve("gamma.yaml"), yaml);
        return new ConfigLoader(vertx, file, Map.of()).load().toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static Map<String, SharedRoute> byHost(List<SharedRoute> routes) {
        return routes.stream().collect(Collectors.toMap(SharedRoute::host, r -> r));
    }

    private static Route route(String host, String backend) {
        return RouteJson.decode(new JsonObject().put("host", List.of(host)).put("backends", List.of(backend)));
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }
}

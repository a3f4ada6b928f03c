package dev.gamma.admin;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.SharedRoute;
import dev.gamma.cluster.StandaloneCrosstalk;
import dev.gamma.route.Maintenance;
import dev.gamma.route.Route;
import dev.gamma.route.RouteJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceApiTest {
    private static final String ON = "{\"enabled\":true,\"message\":\"Back at 6\",\"allow\":[\"Alice\"],"
            + "\"kick-current\":true}";

    @TempDir
    Path dataDir;
    AdminFixture admin;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminFixture(dataDir, "");
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
    }

    @Test
    void aFileRouteGoesIntoMaintenanceOnEveryHostItHasAsAnApiRoute() throws Exception {
        Route file = RouteJson.decode("{\"host\":[\"play.test\",\"www.play.test\"],\"backends\":[\"127.0.0.1:1\"]}");
        await(admin.crosstalk.routes().replaceFileRoutes(List.of(
                new SharedRoute("play.test", file, SharedRoute.Source.FILE, 1),
                new SharedRoute("www.play.test", file, SharedRoute.Source.FILE, 1))));

        var reply = admin.call("PUT", "/api/routes/WWW.Play.Test./maintenance", ON);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(new JsonObject().put("enabled", true).put("motd", "")
                .put("message", "Back at 6").put("allow", new JsonArray().add("Alice")).put("kick-current", true));
        Maintenance expected = new Maintenance(true, "", "Back at 6", List.of("Alice"), true);
        for (String host : List.of("play.test", "www.play.test")) {
            SharedRoute stored = admin.crosstalk.routes().snapshot().get(host);
            assertThat(stored.source()).isEqualTo(SharedRoute.Source.API);
            assertThat(stored.route()).isEqualTo(file.withMaintenance(expected));
        }
        JsonObject listed = admin.get("/api/routes").array().getJsonObject(0);
        assertThat(listed.getJsonObject("route").getJsonObject("maintenance")).isEqualTo(reply.json());

        var off = admin.call("PUT", "/api/routes/play.test/maintenance", "{\"enabled\":false}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(admin.crosstalk.routes().snapshot().get("www.play.test").route().maintenance().enabled()).isFalse();
    }

    @Test
    void maintenanceSurvivesARestartWithTheSameDataDir() throws Exception {
        admin.call("PUT", "/api/routes/play.test", "{\"backend\":\"127.0.0.1:1\"}");
        assertThat(admin.call("PUT", "/api/routes/play.test/maintenance", ON).status()).isEqualTo(200);
        admin.close();

        Vertx vertx = Vertx.vertx();
        try {
            StandaloneCrosstalk again = new StandaloneCrosstalk(vertx, dataDir);
            await(again.routes().start(List.of()));
            Maintenance kept = again.routes().snapshot().get("play.test").route().maintenance();
            assertThat(kept).isEqualTo(new Maintenance(true, "", "Back at 6", List.of("Alice"), true));
        } finally {
            await(vertx.close());
            admin = new AdminFixture(dataDir, "");
        }
    }

    @Test
    void aHostWithoutARouteIs404() throws Exception {
        var reply = admin.call("PUT", "/api/routes/nowhere.test/maintenance", ON);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().getString("error")).isEqualTo("no route for host nowhere.test");
    }

    @Test
    void badBodiesAre400WithTheKeyAndNothingIsStored() throws Exception {
        admin.call("PUT", "/api/routes/play.test", "{\"backend\":\"127.0.0.1:1\"}");
        String huge = new JsonObject().put("allow", new JsonArray(Collections.nCopies(1_001, "Alice"))).encode();
        String[][] cases = {
            {"{\"enabled\":true,\"kick\":true}", "invalid maintenance: kick: unknown key"},
            {"{\"enabled\":\"yes\"}", "invalid maintenance: enabled: expected true or false, got \"yes\""},
            {"{\"allow\":\"Alice\"}", "invalid maintenance: allow: expected a list, got \"Alice\""},
            {"{\"allow\":[\"Al ice\"]}", "invalid maintenance: allow[0]: not a player name"},
            {"{\"allow\":[\"\\u0000\\u001b[2J\"]}", "invalid maintenance: allow[0]: not a player name"},
            {"{\"motd\":\"" + "m".repeat(257) + "\"}", "invalid maintenance: motd: at most 256 characters, got 257"},
            {huge, "invalid maintenance: allow: at most 1000 names, got 1001"},
            {"[]", "the body must be a JSON object"},
        };
        for (String[] c : cases) {
            var reply = admin.call("PUT", "/api/routes/play.test/maintenance", c[0]);
            assertThat(reply.status()).as(c[0]).isEqualTo(400);
            assertThat(reply.json().getString("error")).as(c[0]).startsWith(c[1]);
        }
        assertThat(admin.crosstalk.routes().snapshot().get("play.test").route().maintenance())
                .isEqualTo(Maintenance.OFF);
    }

    @Test
    void controlCharactersInTheTextsComeBackEscapedInValidJson() throws Exception {
        admin.call("PUT", "/api/routes/play.test", "{\"backend\":\"127.0.0.1:1\"}");
        String hostile = "\"}]\u0000\u001b[31m\r\n<script>";
        String body = new JsonObject().put("enabled", true).put("motd", hostile).put("message", hostile).encode();

        var reply = admin.call("PUT", "/api/routes/play.test/maintenance", body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).doesNotContain("\u0000", "\u001b", "\r", "\n");
        assertThat(reply.json().getString("motd")).isEqualTo(hostile);
        JsonObject listed = admin.get("/api/routes").array().getJsonObject(0);
        assertThat(listed.getJsonObject("route").getJsonObject("maintenance").getString("message")).isEqualTo(hostile);
    }
}

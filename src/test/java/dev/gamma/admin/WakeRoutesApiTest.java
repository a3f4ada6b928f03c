package dev.gamma.admin;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.SharedRoute;
import dev.gamma.cluster.SharedTable;
import dev.gamma.route.RouteJson;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WakeRoutesApiTest {
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
    void aPutCarryingWakeIsRefusedAndStoresNothing() throws Exception {
        for (String wake : List.of("{\"command\":[\"/bin/sh\",\"-c\",\"id\"]}", "{\"http\":\"http://10.0.0.1/\"}",
                "{\"docker\":\"mc\"}", "{}", "null")) {
            var reply = admin.call("PUT", "/api/routes/play.example.com",
                    "{\"backend\":\"127.0.0.1:25566\",\"wake\":" + wake + "}");
            assertThat(reply.status()).as(wake).isEqualTo(400);
            assertThat(reply.json().getString("error"))
                    .isEqualTo("wake actions can only be set in the configuration file");
        }
        assertThat(admin.crosstalk.routes().snapshot()).isEmpty();
    }

    @Test
    void aFileRouteWithWakeListsTheFleetsWakeStateBesideIt() throws Exception {
        var route = RouteJson.decode("{\"host\":[\"sleepy.example.com\"],\"backends\":[\"127.0.0.1:25566\"],"
                + "\"wake\":{\"command\":[\"/opt/start\"]}}");
        var plain = RouteJson.decode("{\"host\":[\"plain.example.com\"],\"backends\":[\"127.0.0.1:25566\"]}");
        await(admin.crosstalk.routes().replaceFileRoutes(List.of(
                new SharedRoute("sleepy.example.com", route, SharedRoute.Source.FILE, 1),
                new SharedRoute("plain.example.com", plain, SharedRoute.Source.FILE, 1))));
        SharedTable wake = admin.crosstalk.table(SharedTable.Name.WAKE);

        assertThat(admin.call("GET", "/api/routes/sleepy.example.com", null).json().getString("wake"))
                .isEqualTo("unknown");
        wake.put("sleepy.example.com", new JsonObject().put("state", "starting").put("since", 5));
        assertThat(admin.call("GET", "/api/routes/sleepy.example.com", null).json().getString("wake"))
                .isEqualTo("starting");
        wake.put("sleepy.example.com", new JsonObject().put("state", "awake; DROP").put("since", 5));
        assertThat(admin.call("GET", "/api/routes/sleepy.example.com", null).json().getString("wake"))
                .as("a value of another shape is not understood").isEqualTo("unknown");
        wake.put("sleepy.example.com", new JsonObject().put("state", "asleep").put("since", "yesterday"));
        assertThat(admin.call("GET", "/api/routes/sleepy.example.com", null).json().getString("wake"))
                .isEqualTo("unknown");
        wake.put("sleepy.example.com", new JsonObject().put("state", "asleep").put("since", 7));
        JsonObject listed = admin.call("GET", "/api/routes", null).array().getJsonObject(1);
        assertThat(listed.getString("wake")).isEqualTo("asleep");
        assertThat(admin.call("GET", "/api/routes/plain.example.com", null).json().containsKey("wake")).isFalse();
    }

    @Test
    void anHttpActionsCredentialsAndQueryAreNotShown() throws Exception {
        var route = RouteJson.decode("{\"host\":[\"hooked.example.com\"],\"backends\":[\"127.0.0.1:25566\"],"
                + "\"wake\":{\"http\":\"https://ops:hunter2@panel.example.com:8443/start?token=s3cret\","
                + "\"sleep\":{\"http\":\"https://ops:hunter2@panel.example.com/stop?token=s3cret\"}}}");
        await(admin.crosstalk.routes().replaceFileRoutes(List.of(
                new SharedRoute("hooked.example.com", route, SharedRoute.Source.FILE, 1))));

        String shown = admin.call("GET", "/api/routes/hooked.example.com", null).json().encode()
                + admin.call("GET", "/api/routes", null).array().encode();
        assertThat(shown).contains("https://panel.example.com:8443/start", "https://panel.example.com/stop")
                .doesNotContain("hunter2", "s3cret", "ops:");
        assertThat(admin.crosstalk.routes().snapshot().get("hooked.example.com").route().wake().wake().url())
                .as("the route itself keeps them").contains("hunter2");
    }
}

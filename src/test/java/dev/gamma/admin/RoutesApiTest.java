package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.SharedRoute;
import dev.gamma.route.Backend;
import dev.gamma.route.StatusPlayers;
import dev.gamma.cluster.SharedTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesApiTest {
    private static final String ROUTE = "{\"backend\":\"127.0.0.1:25566\",\"max-players\":20}";

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
    void putOfANewHostStoresAnApiRouteAndAnswers201() throws Exception {
        var reply = admin.call("PUT", "/api/routes/play.example.com", ROUTE);

        assertThat(reply.status()).isEqualTo(201);
        JsonObject entry = reply.json();
        assertThat(entry.getString("host")).isEqualTo("play.example.com");
        assertThat(entry.getString("source")).isEqualTo("api");
        assertThat(entry.getLong("updatedAt")).isPositive();
        assertThat(entry.getJsonObject("route").getJsonArray("backends").getList()).containsExactly("127.0.0.1:25566");
        assertThat(entry.getJsonObject("route").getInteger("max-players")).isEqualTo(20);
        SharedRoute stored = admin.crosstalk.routes().snapshot().get("play.example.com");
        assertThat(stored.source()).isEqualTo(SharedRoute.Source.API);
        assertThat(stored.toJson()).isEqualTo(entry);
    }

    @Test
    void theClientUuidOptionTravelsInTheRouteObjectOnlyWhenSet() throws Exception {
        var on = admin.call("PUT", "/api/routes/on.example.com",
                "{\"backend\":\"127.0.0.1:25566\",\"forwarding\":\"bungeecord\",\"forwarding-client-uuid\":true}");
        var off = admin.call("PUT", "/api/routes/off.example.com",
                "{\"backend\":\"127.0.0.1:25566\",\"forwarding\":\"bungeecord\"}");

        assertThat(on.json().getJsonObject("route").getBoolean("forwarding-client-uuid")).isTrue();
        assertThat(off.json().getJsonObject("route").containsKey("forwarding-client-uuid")).isFalse();
        var refused = admin.call("PUT", "/api/routes/none.example.com",
                "{\"backend\":\"127.0.0.1:25566\",\"forwarding-client-uuid\":true}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("forwarding-client-uuid: applies only with forwarding: bungeecord");
    }

    @Test
    void statusPlayersSurviveAPutAndAGetAndBadValuesAreRefused() throws Exception {
        var put = admin.call("PUT", "/api/routes/net.example.com", "{\"backend\":\"127.0.0.1:25566\","
                + "\"status\":{\"players\":\"network\",\"max\":500,\"sample\":true}}");

        assertThat(put.status()).isEqualTo(201);
        JsonObject status = admin.call("GET", "/api/routes/net.example.com", null).json()
                .getJsonObject("route").getJsonObject("status");
        assertThat(status.getMap()).containsEntry("players", "network").containsEntry("max", 500)
                .containsEntry("sample", true);
        assertThat(admin.crosstalk.routes().snapshot().get("net.example.com").route().statusPlayers())
                .isEqualTo(new StatusPlayers(true, 500, true));
        var refused = admin.call("PUT", "/api/routes/bad.example.com", "{\"backend\":\"127.0.0.1:25566\","
                + "\"status\":{\"players\":\"all\",\"max\":-1,\"sample\":\"please\",\"names\":true}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("status.players: unknown players \\\"all\\\"", "status.max: must be >= 0",
                "status.sample: expected true or false", "status.names: unknown key");
    }

    @Test
    void healthChecksTravelInTheRouteAndEachBackendsStateIsListedBesideIt() throws Exception {
        var put = admin.call("PUT", "/api/routes/checked.example.com", "{\"backends\":[\"127.0.0.1:25566\","
                + "\"127.0.0.1:25567\",\"127.0.0.1:25568\"],\"health\":{\"interval\":\"3s\",\"fails\":3}}");
        admin.call("PUT", "/api/routes/unchecked.example.com", "{\"backend\":\"127.0.0.1:25566\"}");
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().getJsonObject("route").getJsonObject("health")).isEqualTo(new JsonObject()
                .put("interval", "3000ms").put("timeout", "2000ms").put("fails", 3).put("passes", 2));
        assertThat(put.json().containsKey("health")).as("the stored form has no states").isFalse();

        SharedTable health = admin.crosstalk.table(SharedTable.Name.HEALTH);
        health.put("127.0.0.1:25566", new JsonObject().put("state", "down"));
        health.put("127.0.0.1:25567", new JsonObject().put("state", 5)); // another shape: not understood
        health.put("127.0.0.1:25568", new JsonObject().put("state", "up"));
        health.put("10.9.9.9:1", new JsonObject().put("state", "down")); // no route names it

        JsonArray listed = admin.call("GET", "/api/routes", null).array();
        JsonObject checked = admin.call("GET", "/api/routes/checked.example.com", null).json();
        assertThat(checked.getJsonObject("health")).isEqualTo(new JsonObject().put("127.0.0.1:25566", "down")
                .put("127.0.0.1:25567", "unknown").put("127.0.0.1:25568", "up"));
        assertThat(listed.getJsonObject(0)).isEqualTo(checked);
        assertThat(listed.getJsonObject(1).getJsonObject("health"))
                .as("a route without checks never marks a backend")
                .isEqualTo(new JsonObject().put("127.0.0.1:25566", "unknown"));
        assertThat(listed.getJsonObject(1).getJsonObject("route").containsKey("health")).isFalse();
    }

    @Test
    void putOfAKnownHostReplacesItAndAnswers200() throws Exception {
        admin.call("PUT", "/api/routes/play.example.com", ROUTE);

        var reply = admin.call("PUT", "/api/routes/play.example.com", "{\"backends\":[\"10.0.0.1:25565\"]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(admin.crosstalk.routes().snapshot().get("play.example.com").route().backends())
                .containsExactly(new Backend("10.0.0.1", 25565));
    }

    @Test
    void theHostComesFromThePathLowerCased() throws Exception {
        var reply = admin.call("PUT", "/api/routes/Play.Example.COM",
                "{\"host\":\"other.example.com\",\"backend\":\"127.0.0.1:25566\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(admin.crosstalk.routes().snapshot()).containsOnlyKeys("play.example.com");
        assertThat(reply.json().getJsonObject("route").getJsonArray("host").getList())
                .containsExactly("play.example.com");
    }

    @Test
    void wildcardHostsTravelUrlEncoded() throws Exception {
        assertThat(admin.call("PUT", "/api/routes/%2A.example.com", ROUTE).status()).isEqualTo(201);
        assertThat(admin.call("PUT", "/api/routes/%2A", ROUTE).status()).isEqualTo(201);

        assertThat(admin.get("/api/routes/%2A.example.com").json().getString("host")).isEqualTo("*.example.com");
        assertThat(admin.crosstalk.routes().snapshot()).containsOnlyKeys("*.example.com", "*");
    }

    @Test
    void anInvalidRouteIs400ListingEveryProblem() throws Exception {
        var reply = admin.call("PUT", "/api/routes/play.example.com",
                "{\"backend\":\"nowhere\",\"strategy\":\"fastest\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("invalid route");
        assertThat(reply.json().getJsonArray("problems").getList()).hasSize(2)
                .anySatisfy(p -> assertThat((String) p).contains("backend"))
                .anySatisfy(p -> assertThat((String) p).contains("strategy"));
        assertThat(admin.crosstalk.routes().snapshot()).isEmpty();
    }

    @Test
    void anInvalidHostIs400() throws Exception {
        var reply = admin.call("PUT", "/api/routes/bad_host%20name", ROUTE);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("problems").getList()).isNotEmpty();
    }

    @Test
    void listsRoutesSortedByHostAndAnswersOneOr404() throws Exception {
        admin.call("PUT", "/api/routes/b.example.com", ROUTE);
        admin.call("PUT", "/api/routes/a.example.com", ROUTE);

        var list = admin.get("/api/routes");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.array().stream().map(r -> ((JsonObject) r).getString("host")))
                .containsExactly("a.example.com", "b.example.com");
        assertThat(list.array().getJsonObject(0).fieldNames())
                .containsExactlyInAnyOrder("host", "source", "updatedAt", "route", "health");

        assertThat(admin.get("/api/routes/A.example.com").json().getString("host")).isEqualTo("a.example.com");
        var missing = admin.get("/api/routes/c.example.com");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).contains("c.example.com");
    }

    @Test
    void deleteAnswers204ThenNotFound() throws Exception {
        admin.call("PUT", "/api/routes/play.example.com", ROUTE);

        var deleted = admin.call("DELETE", "/api/routes/play.example.com", null);
        var again = admin.call("DELETE", "/api/routes/play.example.com", null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(admin.crosstalk.routes().snapshot()).isEmpty();
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).contains("play.example.com");
    }
}

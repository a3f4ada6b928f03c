package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ClusterCommands.BroadcastResult;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlayersApiTest {
    @TempDir
    Path dataDir;
    AdminFixture admin;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminFixture(dataDir, "");
        admin.addPlayer("n1-1", "steve", "n1", "play.example.com");
        admin.addPlayer("n2-1", "Alex", "n2", "*.example.com");
        admin.addPlayer("n1-2", "Notch", "n1", "play.example.com");
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
    }

    @Test
    void listsEveryPlayerSortedByNameWithItsSessionId() throws Exception {
        var reply = admin.get("/api/players");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.array().stream().map(p -> ((JsonObject) p).getString("name")))
                .containsExactly("Alex", "Notch", "steve");
        JsonObject alex = reply.array().getJsonObject(0);
        assertThat(alex.fieldNames()).containsExactlyInAnyOrder("id", "name", "uuid", "node", "route", "backend",
                "address", "protocol", "encrypted", "connectedAt", "bytesIn", "bytesOut");
        assertThat(alex.getString("id")).isEqualTo("n2-1");
        assertThat(alex.getString("node")).isEqualTo("n2");
        assertThat(alex.getInteger("protocol")).isEqualTo(767);
    }

    @Test
    void filtersByRouteAndByNameIgnoringCase() throws Exception {
        assertThat(names("/api/players?route=PLAY.example.com")).containsExactly("Notch", "steve");
        assertThat(names("/api/players?route=%2A.example.com")).containsExactly("Alex");
        assertThat(names("/api/players?name=STEVE")).containsExactly("steve");
        assertThat(names("/api/players?name=steve&route=*.example.com")).isEmpty();
        assertThat(names("/api/players?name=")).hasSize(3);
    }

    @Test
    void answersOnePlayerByNameIgnoringCase() throws Exception {
        var reply = admin.get("/api/players/NOTCH");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getString("name")).isEqualTo("Notch");
        assertThat(reply.json().getString("id")).isEqualTo("n1-2");
    }

    @Test
    void aPlayerNotOnlineIs404() throws Exception {
        var reply = admin.get("/api/players/herobrine");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).contains("herobrine").contains("not online");
    }

    @Test
    void kickAnswersHowManySessionsClosedWithTheDefaultReason() throws Exception {
        admin.commands.sessions.put("steve", 2);

        var reply = admin.call("POST", "/api/players/steve/kick", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(new JsonObject().put("kicked", 2));
        assertThat(admin.commands.calls).containsExactly("kick steve: Kicked by an operator");
    }

    @Test
    void kickPassesTheGivenReason() throws Exception {
        admin.commands.sessions.put("steve", 1);

        var reply = admin.call("POST", "/api/players/steve/kick", "{\"reason\":\"Be nice\"}");

        assertThat(reply.json().getInteger("kicked")).isEqualTo(1);
        assertThat(admin.commands.calls).containsExactly("kick steve: Be nice");
    }

    @Test
    void kickOfAPlayerNotOnlineIs404() throws Exception {
        var reply = admin.call("POST", "/api/players/herobrine/kick", "{}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).contains("herobrine");
    }

    @Test
    void kickRefusesAReasonThatIsNotAShortString() throws Exception {
        var number = admin.call("POST", "/api/players/steve/kick", "{\"reason\":42}");
        var tooLong = admin.call("POST", "/api/players/steve/kick", "{\"reason\":\"" + "x".repeat(257) + "\"}");

        assertThat(number.status()).isEqualTo(400);
        assertThat(number.error()).contains("reason").contains("string");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error()).contains("reason").contains("256");
        assertThat(admin.commands.calls).isEmpty();
    }

    @Test
    void kickBySessionIdEndsThatSessionOnlyWithTheReason() throws Exception {
        admin.addPlayer("n1-3", "..", "n1", "play.example.com");

        var reply = admin.call("POST", "/api/sessions/n1-3/kick", "{\"reason\":\"Odd name\"}");
        var byDefault = admin.call("POST", "/api/sessions/n2-1/kick", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(new JsonObject().put("kicked", 1));
        assertThat(byDefault.json().getInteger("kicked")).isEqualTo(1);
        assertThat(admin.commands.calls).containsExactly("kickSessions [n1-3]: Odd name",
                "kickSessions [n2-1]: Kicked by an operator");
    }

    @Test
    void kickOfASessionNotOnlineIs404AndOfABadReason400() throws Exception {
        var unknown = admin.call("POST", "/api/sessions/n9-9/kick", "{}");
        var badReason = admin.call("POST", "/api/sessions/n1-1/kick", "{\"reason\":[]}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/json");
        assertThat(unknown.error()).isEqualTo("session n9-9 is not online");
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.error()).contains("reason must be a string");
        assertThat(admin.commands.calls).isEmpty();
    }

    @Test
    void aFailingClusterIs503() throws Exception {
        admin.commands.failure = "Timed out waiting for node n2";

        var kick = admin.call("POST", "/api/players/steve/kick", "{}");
        var broadcast = admin.call("POST", "/api/broadcast", "{\"message\":\"hi\"}");

        assertThat(kick.status()).isEqualTo(503);
        assertThat(kick.error()).contains("Timed out waiting for node n2");
        assertThat(broadcast.status()).isEqualTo(503);
        assertThat(broadcast.contentType()).startsWith("application/json");
    }

    @Test
    void broadcastAnswersWhoWasReachedAndWhoNot() throws Exception {
        admin.commands.broadcastResult = new BroadcastResult(5, 2);

        var reply = admin.call("POST", "/api/broadcast", "{\"message\":\"Restart in 5 minutes\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(new JsonObject().put("reached", 5).put("unreachable", 2));
        assertThat(admin.commands.calls).containsExactly("broadcast Restart in 5 minutes");
    }

    @Test
    void broadcastNeedsAMessageOf1To256Characters() throws Exception {
        String[][] table = {
            {"{}", "message is required"},
            {"", "message is required"},
            {"{\"message\":\"\"}", "message must not be empty"},
            {"{\"message\":\"  \"}", "message must not be empty"},
            {"{\"message\":7}", "message must be a string, got a number"},
            {"{\"message\":\"" + "é".repeat(257) + "\"}", "message is 257 characters long; at most 256"},
        };
        for (String[] row : table) {
            var reply = admin.call("POST", "/api/broadcast", row[0]);
            assertThat(reply.status()).as(row[0]).isEqualTo(400);
            assertThat(reply.error()).as(row[0]).contains(row[1]);
        }
        assertThat(admin.call("POST", "/api/broadcast", "{\"message\":\"" + "é".repeat(256) + "\"}").status())
                .isEqualTo(200);
    }

    @Test
    void nodesListEachMemberWithItsPlayerCount() throws Exception {
        String self = admin.crosstalk.nodes().selfId();
        admin.addPlayer("x-1", "Dinnerbone", self, "play.example.com");

        var reply = admin.get("/api/nodes");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.array()).hasSize(1);
        JsonObject node = reply.array().getJsonObject(0);
        assertThat(node.fieldNames()).containsExactly("id", "address", "admin", "players", "startedAt", "state");
        assertThat(node.getString("id")).isEqualTo(self);
        assertThat(node.getLong("players")).isEqualTo(1L);
    }

    private java.util.List<String> names(String path) throws Exception {
        var reply = admin.get(path);
        assertThat(reply.status()).as(path).isEqualTo(200);
        return reply.array().stream().map(p -> ((JsonObject) p).getString("name")).toList();
    }
}

package dev.gamma.admin;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.NodeInfo;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrainApiTest {
    private static final String TOKEN = "a-token-long-enough-for-the-admin-api-0123456789";

    @TempDir
    Path dataDir;
    AdminFixture admin;
    String self;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminFixture(dataDir, TOKEN);
        self = admin.crosstalk.nodes().selfId();
        await(admin.crosstalk.announce(new NodeInfo(self, "127.0.0.1:25565", "127.0.0.1:8080", 1_000)));
        admin.ready.set(true);
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
    }

    @Test
    void drainOfSelfAsksThisNodeWithTheDefaultDeadlineAndAnswers202() throws Exception {
        var reply = admin.call("POST", "/api/nodes/self/drain", null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json()).isEqualTo(new JsonObject().put("node", self).put("state", "draining")
                .put("deadline", 1_000L + 600_000L));
        assertThat(admin.commands.calls).containsExactly("drain " + self + " PT10M");
    }

    @Test
    void drainByIdTakesTheDeadlineAsWrittenInTheConfiguration() throws Exception {
        var reply = admin.call("POST", "/api/nodes/" + self + "/drain", "{\"deadline\": \"90s\"}");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(admin.commands.calls).containsExactly("drain " + self + " PT1M30S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"0s\"", "\"25h\"", "\"-5s\"", "\"10 minutes\"", "{}", "[1]", "true", "0",
            "\"999999999999h\"", "\"9999999999999999999999999999999999999999s\""})
    void aBadDeadlineIs400NamingTheFieldAndNothingIsAsked(String deadline) throws Exception {
        var reply = admin.call("POST", "/api/nodes/self/drain", "{\"deadline\": " + deadline + "}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("deadline");
        assertThat(reply.json().getString("field")).isEqualTo("deadline");
        assertThat(admin.commands.calls).isEmpty();
    }

    @Test
    void anUnknownNodeIs404AndItsIdIsEscapedInTheError() throws Exception {
        var reply = admin.call("POST", "/api/nodes/no-such-node%0Aforged/drain", "{\"deadline\": \"1m\"}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).contains("no node").doesNotContain("\n");
        assertThat(admin.commands.calls).isEmpty();
    }

    @Test
    void withoutTheTokenNothingIsDrained() throws Exception {
        admin.token = null;
        var reply = admin.call("POST", "/api/nodes/self/drain", "{}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(admin.commands.calls).isEmpty();
    }

    @Test
    void aNodeThatDoesNotAnswerIs503() throws Exception {
        admin.commands.failure = "no handlers for address gamma.drain.x";
        var reply = admin.call("POST", "/api/nodes/self/drain", "{}");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.error()).contains("drain");
    }

    @Test
    void aDrainingNodeIsListedSoAndIsNotReadyButHealthy() throws Exception {
        assertThat(admin.get("/ready").status()).isEqualTo(200);
        await(admin.crosstalk.announce(new NodeInfo(self, "127.0.0.1:25565", "127.0.0.1:8080", 1_000)
                .drainingUntil(123_456)));

        var ready = admin.get("/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().getString("status")).isEqualTo("draining");
        assertThat(admin.get("/health").status()).isEqualTo(200);
        JsonObject entry = admin.get("/api/nodes").array().getJsonObject(0);
        assertThat(entry.getString("state")).isEqualTo("draining");
        assertThat(entry.getLong("drainDeadline")).isEqualTo(123_456L);
    }

    @Test
    void aServingNodeIsListedServingWithoutADeadline() throws Exception {
        JsonObject entry = admin.get("/api/nodes").array().getJsonObject(0);
        assertThat(entry.getString("state")).isEqualTo("serving");
        assertThat(entry.containsKey("drainDeadline")).isFalse();
    }

    @Test
    void deleteCallsTheDrainOffAndAnswersServing() throws Exception {
        var reply = admin.call("DELETE", "/api/nodes/self/drain", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(new JsonObject().put("node", self).put("state", "serving"));
        assertThat(admin.commands.calls).containsExactly("resume " + self);
    }

    @Test
    void callingOffPastTheDeadlineIs409WithTheNodesReason() throws Exception {
        admin.commands.conflict = "the drain's deadline has passed: the node is closing its sessions and stopping";
        var reply = admin.call("DELETE", "/api/nodes/" + self + "/drain", null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error()).isEqualTo("node " + self + ": " + admin.commands.conflict);
    }

    @Test
    void callingOffTheDrainOfAnUnknownNodeIs404AndOfOneThatDoesNotAnswer503() throws Exception {
        assertThat(admin.call("DELETE", "/api/nodes/elsewhere/drain", null).status()).isEqualTo(404);
        assertThat(admin.commands.calls).isEmpty();
        admin.commands.failure = "timed out";
        var reply = admin.call("DELETE", "/api/nodes/self/drain", null);
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.error()).contains("calling off the drain");
    }

    @Test
    void withoutTheTokenNoDrainIsCalledOff() throws Exception {
        admin.token = null;
        assertThat(admin.call("DELETE", "/api/nodes/self/drain", null).status()).isEqualTo(401);
        assertThat(admin.commands.calls).isEmpty();
    }
}

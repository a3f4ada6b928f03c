package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class NodeInfoTest {
    private static final NodeInfo SERVING = new NodeInfo("n1", "10.0.0.1:25565", "10.0.0.1:8080", 1_000);

    @Test
    void aServingNodeCarriesItsStateAndNoDeadline() {
        assertThat(SERVING.toJson().getString("state")).isEqualTo("serving");
        assertThat(SERVING.toJson().containsKey("drainDeadline")).isFalse();
        assertThat(NodeInfo.fromJson(SERVING.toJson())).isEqualTo(SERVING);
    }

    @Test
    void aDrainingNodeRoundTripsWithItsDeadline() {
        NodeInfo draining = SERVING.drainingUntil(5_000);
        assertThat(draining.draining()).isTrue();
        assertThat(NodeInfo.fromJson(draining.toJson())).isEqualTo(draining);
        assertThat(draining.toJson().getLong("drainDeadline")).isEqualTo(5_000L);
    }

    @Test
    void anEntryOfAnOlderNodeOrOfOddShapeReadsAsServing() {
        JsonObject older = new JsonObject().put("id", "n2").put("address", "a").put("admin", "b").put("startedAt", 1);
        assertThat(NodeInfo.fromJson(older).state()).isEqualTo("serving");
        assertThat(NodeInfo.fromJson(older.copy().put("state", "on-fire")).state()).isEqualTo("serving");
        assertThat(NodeInfo.fromJson(older.copy().put("state", 7).put("drainDeadline", "soon")))
                .isEqualTo(new NodeInfo("n2", "a", "b", 1));
        assertThat(NodeInfo.fromJson(older.copy().put("state", "draining").put("drainDeadline", -5)).drainDeadline())
                .isZero();
        assertThat(NodeInfo.fromJson(older.copy().put("state", "serving").put("drainDeadline", 9)).drainDeadline())
                .isZero();
    }
}

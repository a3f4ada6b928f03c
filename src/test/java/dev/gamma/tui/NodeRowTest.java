package dev.gamma.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class NodeRowTest {
    private static final JsonObject NODE = new JsonObject().put("id", "n1").put("address", "10.0.0.1:25565")
            .put("admin", "10.0.0.1:8080").put("players", 3).put("startedAt", 1_000);

    @Test
    void aDrainingNodeShowsTheTimeLeft() {
        NodeRow row = NodeRow.fromJson(NODE.copy().put("state", "draining").put("drainDeadline", 251_000));
        assertThat(row.stateCell(1_000)).isEqualTo("draining 4m 10s");
        assertThat(row.stateCell(300_000)).as("past the deadline").isEqualTo("draining 0s");
    }

    @Test
    void aServingNodeOrOneOfAnOlderVersionShowsServing() {
        assertThat(NodeRow.fromJson(NODE.copy().put("state", "serving")).stateCell(0)).isEqualTo("serving");
        assertThat(NodeRow.fromJson(NODE).stateCell(0)).isEqualTo("serving");
    }

    @Test
    void aStateWithControlCharactersIsShownEscaped() {
        NodeRow row = NodeRow.fromJson(NODE.copy().put("state", "\u001b[2Jx").put("drainDeadline", "soon"));
        assertThat(row.stateCell(0)).doesNotContain("\u001b");
        assertThat(row.drainDeadline()).isZero();
    }
}

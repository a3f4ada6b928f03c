package dev.gamma.tui;

import static dev.gamma.tui.TopModelTest.player;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaintenanceMarkerTest {

    @Test
    void aRouteInMaintenanceIsMarkedOnItsLine() {
        TopModel model = new TopModel("http://127.0.0.1:8080");
        model.update(new Snapshot(List.of(player("Alice", "lobby.test", 0, 0)), List.of(new NodeRow("node-one-0123",
                "10.0.0.1:25565", "127.0.0.1:8080", 1, 0)), List.of("lobby.test", "idle.test"), 0, Set.of("idle.test"), Set.of(), Map.of()));

        List<String> lines = TopView.render(model, 100, 24, 0).stream().map(Line::text).toList();

        assertThat(lines).filteredOn(l -> l.startsWith("idle.test")).singleElement().asString().endsWith("maintenance");
        assertThat(lines).filteredOn(l -> l.startsWith("lobby.test")).singleElement().asString()
                .doesNotContain("maintenance");
    }

    @Test
    void onlyAnEnabledMaintenanceObjectCounts() {
        assertThat(Snapshot.inMaintenance(new JsonObject(
                "{\"host\":\"a\",\"route\":{\"maintenance\":{\"enabled\":true}}}"))).isTrue();
        for (String other : List.of("{\"host\":\"a\",\"route\":{\"maintenance\":{\"enabled\":false}}}",
                "{\"host\":\"a\",\"route\":{\"maintenance\":{\"enabled\":\"true\"}}}",
                "{\"host\":\"a\",\"route\":{\"maintenance\":true}}", "{\"host\":\"a\",\"route\":[]}", "{}")) {
            assertThat(Snapshot.inMaintenance(new JsonObject(other))).as(other).isFalse();
        }
    }
}

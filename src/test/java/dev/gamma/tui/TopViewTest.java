package dev.gamma.tui;

import static dev.gamma.tui.TopModelTest.player;
import static dev.gamma.tui.TopModelTest.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The screen as text: it fits the terminal, and shows what the operator asked for. */
class TopViewTest {

    @ParameterizedTest
    @CsvSource({"80, 24", "120, 40", "40, 10", "200, 60"})
    void everyViewFillsTheTerminalExactly(int columns, int rows) {
        TopModel model = new TopModel("http://127.0.0.1:8080");
        assertFits(TopView.render(model, columns, rows, 0), columns, rows);
        model.update(snapshot(0, IntStream.range(0, 60)
                .mapToObj(i -> player("Player" + i, "route-" + i % 7 + ".example.com", i, i)).toArray(Player[]::new)));
        assertFits(TopView.render(model, columns, rows, 90_000), columns, rows);
        model.onKey(new KeyStroke(KeyType.Enter));
        assertFits(TopView.render(model, columns, rows, 90_000), columns, rows);
    }

    @Test
    void theGlobalViewShowsTotalsNodesRoutesAndPlayers() {
        TopModel model = new TopModel("http://127.0.0.1:8080");
        model.update(snapshot(0, player("Alice", "lobby.test", 0, 0)));
        model.update(snapshot(TopModelTest.SECOND, player("Alice", "lobby.test", 2048, 4096)));
        String screen = text(TopView.render(model, 80, 24, 61_000));
        assertThat(screen).contains("Gamma top · 127.0.0.1:8080 · nodes 1 · players 1 · in 2.0 KiB/s · out 4.0 KiB/s",
                "node-one", "10.0.0.1:25565", "lobby.test", "idle.test", "Alice", "1m 00s");
        List<Line> lines = TopView.render(model, 80, 24, 61_000);
        assertThat(lines.stream().filter(l -> l.style() == Line.Style.SELECTED).map(Line::text))
                .singleElement().asString().startsWith("Alice");
    }

    @Test
    void aRouteWithAnAccessListIsMarked() {
        TopModel model = new TopModel("x");
        Snapshot plain = snapshot(0, player("Alice", "lobby.test", 0, 0));
        model.update(new Snapshot(plain.players(), plain.nodes(), plain.routeHosts(), 0, Set.of(), Set.of("idle.test"), Map.of()));

        List<String> lines = TopView.render(model, 80, 24, 0).stream().map(Line::text).toList();

        assertThat(lines).filteredOn(l -> l.startsWith("idle.test")).singleElement().asString()
                .startsWith("idle.test \u2298");
        assertThat(lines).filteredOn(l -> l.startsWith("lobby.test")).singleElement().asString()
                .doesNotContain("\u2298");
    }

    @Test
    void theSelectedRowStaysOnScreenInALongList() {
        TopModel model = new TopModel("x");
        model.update(snapshot(0, IntStream.range(0, 100).mapToObj(i -> player(String.format("P%03d", i), "r", 0, 0))
                .toArray(Player[]::new)));
        for (int i = 0; i < 75; i++) {
            model.onKey(new KeyStroke(KeyType.ArrowDown));
        }
        assertThat(text(TopView.render(model, 80, 24, 0))).contains("P075");
    }

    @Test
    void thePlayerViewShowsEverythingAboutTheSession() {
        TopModel model = new TopModel("x");
        model.update(snapshot(0, player("Alice", "lobby.test", 100, 200)));
        model.update(snapshot(TopModelTest.SECOND, player("Alice", "lobby.test", 1124, 200)));
        model.onKey(new KeyStroke(KeyType.Enter));
        String screen = text(TopView.render(model, 80, 24, 3_601_000));
        assertThat(screen).contains("player Alice", "10.1.1.1", "node-one (10.0.0.1:25565)", "lobby.test",
                "10.0.0.2:25566", "protocol 769", "encrypted", "no", "1h 00m", "1.1 KiB  (1.0 KiB/s)",
                "200 B  (0 B/s)", "session        s-Alice", "k kick");
    }

    static String text(List<Line> lines) {
        return String.join("\n", lines.stream().map(Line::text).toList());
    }

    private static void assertFits(List<Line> lines, int columns, int rows) {
        assertThat(lines).hasSize(rows);
        assertThat(lines).allSatisfy(l -> assertThat(l.text().length()).isLessThanOrEqualTo(columns));
    }
}

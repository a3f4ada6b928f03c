package dev.gamma.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code gamma top} route lines name the wake state of routes that have one. */
class WakeRouteLineTest {
    @Test
    void aRouteWithWakeShowsItsStateBesideItsName() {
        TopModel model = new TopModel("http://node:8080");
        model.update(new Snapshot(List.of(), List.of(), List.of("lobby.test", "sleepy.test"), 0,
                Set.of(), Set.of(), Map.of("sleepy.test", "asleep")));
        List<String> texts = GlobalView.lines(model, 40, 0).stream().map(Line::text).toList();
        assertThat(texts).anyMatch(t -> t.startsWith("sleepy.test (asleep)"));
        assertThat(texts).anyMatch(t -> t.startsWith("lobby.test ") && !t.contains("("));
    }
}

package dev.gamma.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keys of {@code gamma top}, on the model alone. */
class TopModelTest {
    static final long SECOND = 1_000_000_000L;

    static Player player(String name, String route, long in, long out) {
        return new Player("s-" + name, name, "uuid-" + name, "node-one-0123", route, "10.0.0.2:25566", "10.1.1.1", 769, false,
                1_000, in, out);
    }

    static Snapshot snapshot(long nanos, Player... players) {
        return new Snapshot(List.of(players), List.of(new NodeRow("node-one-0123", "10.0.0.1:25565",
                "127.0.0.1:8080", players.length, 0)), List.of("lobby.test", "idle.test"), nanos);
    }

    private final TopModel model = new TopModel("http://node:8080");

    @Test
    void arrowsMoveAndEnterOpensThePlayerEscGoesBack() {
        model.update(snapshot(0, player("Alice", "lobby.test", 0, 0), player("Bob", "lobby.test", 0, 0)));
        assertThat(model.selectedPlayer()).map(Player::name).contains("Alice");
        press(KeyType.ArrowDown);
        press(KeyType.ArrowDown);
        assertThat(model.selectedPlayer()).map(Player::name).contains("Bob");
        press(KeyType.Enter);
        assertThat(model.mode()).isEqualTo(TopModel.Mode.DETAIL);
        assertThat(model.detailName()).isEqualTo("Bob");
        press(KeyType.ArrowUp);
        assertThat(model.detailName()).isEqualTo("Bob");
        press(KeyType.Escape);
        assertThat(model.mode()).isEqualTo(TopModel.Mode.LIST);
        assertThat(model.selectedPlayer()).map(Player::name).contains("Bob");
    }

    @Test
    void theSelectionFollowsItsPlayerWhenTheListChanges() {
        model.update(snapshot(0, player("Bob", "lobby.test", 0, 0), player("Carol", "lobby.test", 0, 0)));
        press(KeyType.ArrowDown);
        model.update(snapshot(SECOND, player("Alice", "lobby.test", 0, 0), player("Bob", "lobby.test", 0, 0),
                player("Carol", "lobby.test", 0, 0)));
        assertThat(model.selectedPlayer()).map(Player::name).contains("Carol");
    }

    @Test
    void slashFiltersByNamePartEnterKeepsEscRestores() {
        model.update(snapshot(0, player("Alice", "a", 0, 0), player("Malcolm", "a", 0, 0), player("Bob", "a", 0, 0)));
        type('/');
        type('A', 'L');
        assertThat(model.visiblePlayers()).extracting(Player::name).containsExactly("Alice", "Malcolm");
        press(KeyType.Enter);
        assertThat(model.mode()).isEqualTo(TopModel.Mode.LIST);
        assertThat(model.filter()).isEqualTo("AL");
        type('/', 'c');
        assertThat(model.visiblePlayers()).extracting(Player::name).containsExactly("Malcolm");
        press(KeyType.Escape);
        assertThat(model.filter()).isEqualTo("AL");
        press(KeyType.Escape);
        assertThat(model.visiblePlayers()).hasSize(3);
    }

    @Test
    void kAsksForAReasonEnterKicksEscCancels() {
        model.update(snapshot(0, player("Alice", "a", 0, 0), player("Bob", "a", 0, 0)));
        press(KeyType.ArrowDown);
        type('k', 's', 'p');
        press(KeyType.Backspace);
        type('a', 'm');
        assertThat(TopView.bottomLine(model)).isEqualTo("kick Bob, reason: sam");
        Optional<TopModel.KickRequest> request = model.onKey(new KeyStroke(KeyType.Enter));
        assertThat(request).contains(new TopModel.KickRequest("s-Bob", "Bob", "sam"));
        assertThat(model.mode()).isEqualTo(TopModel.Mode.LIST);

        type('k', 'x');
        assertThat(model.onKey(new KeyStroke(KeyType.Escape))).isEmpty();
        assertThat(model.status()).isEqualTo("kick cancelled");
        type('q');
        assertThat(model.quit()).isTrue();
    }

    @Test
    void theDetailViewSaysWhenItsPlayerLeft() {
        model.update(snapshot(0, player("Alice", "a", 0, 0), player("Bob", "a", 0, 0)));
        press(KeyType.Enter);
        model.update(snapshot(SECOND, player("Bob", "a", 0, 0)));
        assertThat(model.detailName()).isEqualTo("Alice");
        assertThat(model.selectedPlayer()).isEmpty();
        assertThat(String.join("\n", TopView.render(model, 80, 24, 5_000).stream().map(Line::text).toList()))
                .contains("Alice is no longer online");
    }

    @Test
    void ratesComeFromCounterDeltasBetweenRefreshes() {
        Snapshot before = snapshot(0, player("Alice", "a", 1_000, 10_000), player("Gone", "a", 5, 5));
        Snapshot after = snapshot(2 * SECOND, player("Alice", "a", 3_000, 10_000), player("New", "a", 9_999, 9_999));
        Rates rates = Rates.between(before, after);
        assertThat(rates.of(after.players().get(0))).isEqualTo(new Rates.Rate(1_000, 0));
        assertThat(rates.of(after.players().get(1))).isEqualTo(Rates.Rate.ZERO);
        assertThat(rates.sum(after.players())).isEqualTo(new Rates.Rate(1_000, 0));
    }

    private void press(KeyType type) {
        model.onKey(new KeyStroke(type));
    }

    private void type(char... chars) {
        for (char c : chars) {
            model.onKey(new KeyStroke(c, false, false));
        }
    }
}

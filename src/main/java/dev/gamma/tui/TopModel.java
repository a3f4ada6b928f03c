package dev.gamma.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything {@code gamma top} shows, and what each key does to it. Only the UI thread touches it; the
 * API's answers arrive through {@link #update} and {@link #failed}.
 */
final class TopModel {
    enum Mode { LIST, DETAIL, FILTER, KICK }

    /** A kick of one session the operator confirmed; the app sends it off the UI thread. */
    record KickRequest(String id, String name, String reason) {}

    private static final int PAGE = 10;

    private final String source;
    private Snapshot snapshot;
    private Rates rates = Rates.NONE;
    private String error = "";
    private String status = "";
    private Mode mode = Mode.LIST;
    private Mode beforePrompt = Mode.LIST;
    private String filter = "";
    private String filterBefore = "";
    private final PromptInput input = new PromptInput();
    private int selected;
    private String selectedName = "";
    private boolean quit;

    /** @param source where the data comes from (the API URL), shown in the title */
    TopModel(String source) {
        this.source = Cells.text(source);
    }

    void update(Snapshot next) {
        rates = snapshot == null ? Rates.NONE : Rates.between(snapshot, next);
        snapshot = next;
        error = "";
        reselect();
    }

    void failed(String message) {
        error = message;
    }

    void status(String message) {
        status = message;
    }

    /** The request a key confirmed, if any. */
    Optional<KickRequest> onKey(KeyStroke key) {
        if (key.getKeyType() == KeyType.EOF) {
            quit = true;
            return Optional.empty();
        }
        return switch (mode) {
            case FILTER -> onFilterKey(key);
            case KICK -> onKickKey(key);
            default -> onBrowseKey(key);
        };
    }

    private Optional<KickRequest> onBrowseKey(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowUp -> move(-1);
            case ArrowDown -> move(1);
            case PageUp -> move(-PAGE);
            case PageDown -> move(PAGE);
            case Home -> move(-selected);
            case End -> move(Integer.MAX_VALUE / 2);
            case Enter -> mode = mode == Mode.LIST && selectedPlayer().isPresent() ? Mode.DETAIL : mode;
            case Escape, Backspace, ArrowLeft -> back();
            case Character -> onCommandChar(Character.toLowerCase(key.getCharacter()));
            default -> { }
        }
        return Optional.empty();
    }

    private void onCommandChar(char c) {
        switch (c) {
            case 'q' -> quit = true;
            case 'k' -> selectedPlayer().ifPresent(p -> prompt(Mode.KICK, ""));
            case '/' -> {
                filterBefore = filter;
                prompt(Mode.FILTER, filter);
            }
            default -> { }
        }
    }

    private void back() {
        if (mode == Mode.DETAIL) {
            mode = Mode.LIST;
            reselect();
        } else if (!filter.isEmpty()) {
            filter = "";
            reselect();
        }
    }

    private Optional<KickRequest> onFilterKey(KeyStroke key) {
        switch (key.getKeyType()) {
            case Enter -> mode = beforePrompt;
            case Escape -> {
                filter = filterBefore;
                mode = beforePrompt;
            }
            default -> {
                input.edit(key);
                filter = input.text();
            }
        }
        selected = 0;
        reselect();
        return Optional.empty();
    }

    private Optional<KickRequest> onKickKey(KeyStroke key) {
        switch (key.getKeyType()) {
            case Enter -> {
                mode = beforePrompt;
                Optional<KickRequest> request = selectedPlayer()
                        .map(p -> new KickRequest(p.id(), p.name(), input.text().strip()));
                request.ifPresent(r -> status = "kicking " + r.name() + "…");
                return request;
            }
            case Escape -> {
                mode = beforePrompt;
                status = "kick cancelled";
            }
            default -> input.edit(key);
        }
        return Optional.empty();
    }

    private void prompt(Mode prompt, String initial) {
        beforePrompt = mode;
        mode = prompt;
        input.reset(initial);
    }

    private void move(int delta) {
        if (mode == Mode.DETAIL) {
            return;
        }
        int count = visiblePlayers().size();
        selected = count == 0 ? 0 : Math.max(0, Math.min(count - 1, selected + delta));
        selectedName = selectedPlayer().map(Player::name).orElse("");
    }

    /** Keeps the same player selected when the list changes around it. */
    private void reselect() {
        if (!detailName().isEmpty()) {
            return; // the detail view stays on its player, online or not
        }
        List<Player> visible = visiblePlayers();
        for (int i = 0; i < visible.size(); i++) {
            if (visible.get(i).name().equals(selectedName)) {
                selected = i;
                return;
            }
        }
        move(0);
    }

    List<Player> visiblePlayers() {
        if (snapshot == null) {
            return List.of();
        }
        String wanted = filter.toLowerCase(Locale.ROOT);
        return snapshot.players().stream()
                .filter(p -> p.name().toLowerCase(Locale.ROOT).contains(wanted)).toList();
    }

    /** In the detail view, its player while online; in the list, the highlighted one. */
    Optional<Player> selectedPlayer() {
        if (!detailName().isEmpty()) {
            return snapshot().stream().flatMap(s -> s.players().stream())
                    .filter(p -> p.name().equals(selectedName)).findFirst();
        }
        List<Player> visible = visiblePlayers();
        return selected < visible.size() ? Optional.of(visible.get(selected)) : Optional.empty();
    }

    Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    Rates rates() { return rates; }
    String source() { return source; }
    String error() { return error; }
    String status() { return status; }
    Mode mode() { return mode; }
    String filter() { return filter; }
    String input() { return input.text(); }
    int selected() { return selected; }
    String detailName() {
        return mode == Mode.DETAIL || mode == Mode.KICK && beforePrompt == Mode.DETAIL ? selectedName : "";
    }
    boolean quit() { return quit; }
}

package dev.gamma.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import dev.gamma.client.AdminApi;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * {@code gamma top}: a live view of the cluster in a terminal. The UI thread reads keys, applies the API's
 * answers and draws; every API call runs on {@link ApiPoller}'s threads, so input never waits for the network.
 */
public final class TopApp {
    private static final long IDLE_MILLIS = 20;

    private final AdminApi api;
    private final Terminal terminal;
    private final Queue<Consumer<TopModel>> changes = new ConcurrentLinkedQueue<>();

    public TopApp(AdminApi api, Terminal terminal) {
        this.api = api;
        this.terminal = terminal;
    }

    /** Runs until {@code q} (or the end of input); the terminal is restored on the way out. */
    public void run() throws IOException, InterruptedException {
        TopModel model = new TopModel(api.base().toString());
        Screen screen = new TerminalScreen(terminal);
        screen.startScreen();
        try (ApiPoller poller = new ApiPoller(api, changes::add, System::nanoTime)) {
            poller.start();
            loop(screen, model, poller);
        } finally {
            screen.stopScreen();
        }
    }

    private void loop(Screen screen, TopModel model, ApiPoller poller) throws IOException, InterruptedException {
        boolean dirty = true;
        while (!model.quit()) {
            for (Consumer<TopModel> change = changes.poll(); change != null; change = changes.poll()) {
                change.accept(model);
                dirty = true;
            }
            for (KeyStroke key = screen.pollInput(); key != null && !model.quit(); key = screen.pollInput()) {
                model.onKey(key).ifPresent(poller::kick);
                dirty = true;
            }
            if (screen.doResizeIfNecessary() != null) {
                dirty = true;
            }
            if (dirty && !model.quit()) {
                draw(screen, model);
                dirty = false;
            } else {
                Thread.sleep(IDLE_MILLIS);
            }
        }
    }

    static void draw(Screen screen, TopModel model) throws IOException {
        TerminalSize size = screen.getTerminalSize();
        List<Line> lines = TopView.render(model, size.getColumns(), size.getRows(), System.currentTimeMillis());
        screen.clear();
        TextGraphics g = screen.newTextGraphics();
        for (int row = 0; row < lines.size(); row++) {
            Line line = lines.get(row);
            g.clearModifiers();
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            switch (line.style()) {
                case HEADER -> g.enableModifiers(SGR.BOLD).setForegroundColor(TextColor.ANSI.CYAN);
                case SELECTED -> g.enableModifiers(SGR.REVERSE);
                default -> { }
            }
            String text = line.style() == Line.Style.PLAIN ? line.text() : Cells.pad(line.text(), size.getColumns());
            g.putString(0, row, text);
        }
        boolean prompting = model.mode() == TopModel.Mode.FILTER || model.mode() == TopModel.Mode.KICK;
        screen.setCursorPosition(prompting ? new TerminalPosition(
                Math.min(Cells.columns(TopView.bottomLine(model)), size.getColumns() - 1), size.getRows() - 2) : null);
        screen.refresh();
    }
}

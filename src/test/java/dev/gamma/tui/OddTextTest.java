package dev.gamma.tui;

import dev.gamma.protocol.JavaEscapes;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.vertx.core.json.JsonObject;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever text the API answers, {@code gamma top} draws it escaped, within the terminal, and goes on. */
class OddTextTest {
    private static final String NASTY = "\u001b\n\r\t\u0000\u0007\u007f\u0085\u009b\u200e\u202e\u2028\u2066\ufeff"
            + "\u540d\ud83d\ude00\\a ";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Steve                  | Steve
            a\\u001b[2Jb           | a\\\\u001b[2Jb
            new\\nline             | new\\\\u000aline
            \\u009b31m             | \\\\u009b31m
            \\u202eevil            | \\\\u202eevil
            back\\\\slash          | back\\\\\\\\slash
            \\u540d\\u524d         | \\u540d\\u524d
            \\ud83d\\ude00!        | \\\\ud83d\\\\ude00!
            """)
    void textFromTheApiBecomesCellsATerminalDrawsAsTheyAre(String given, String shown) {
        assertThat(Cells.text(JavaEscapes.unescape(given))).isEqualTo(JavaEscapes.unescape(shown));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            abcdef         | 4 | abc…
            abcd           | 4 | abcd
            \\u540d\\u524d\\u540d | 5 | \\u540d\\u524d…
            \\u540d\\u524d\\u540d | 4 | \\u540d…
            a\\u540d       | 2 | a…
            """)
    void fitCountsColumnsNotCharacters(String text, int width, String fitted) {
        assertThat(Cells.fit(JavaEscapes.unescape(text), width)).isEqualTo(JavaEscapes.unescape(fitted));
        assertThat(Cells.columns(Cells.pad(JavaEscapes.unescape(text), width))).isEqualTo(width);
    }

    @Test
    void anOddNameIsShownEscapedAndWideNamesKeepTheColumns() {
        TopModel model = new TopModel("http://127.0.0.1:8080");
        model.update(TopModelTest.snapshot(0, Player.fromJson(player("\u001b[2J\nB", "r\u009b.test")),
                Player.fromJson(player("\u540d\u524d\u540d\u524d", "wide.test"))));
        List<Line> lines = TopView.render(model, 80, 24, 0);
        String screen = TopViewTest.text(lines);

        assertThat(screen).contains("\\u001b[2J\\u000aB", "r\\u009b.test");
        String header = lines.stream().map(Line::text).filter(l -> l.startsWith("PLAYER")).findFirst().orElseThrow();
        String wide = lines.stream().map(Line::text).filter(l -> l.startsWith("\u540d")).findFirst().orElseThrow();
        assertThat(Cells.columns(wide.substring(0, wide.indexOf("wide.test"))))
                .isEqualTo(Cells.columns(header.substring(0, header.indexOf("ROUTE"))));
    }

    @Property(tries = 300)
    void anyTextIsDrawnInsideTheTerminalWithoutAControlCharacter(@ForAll("odd") String name,
            @ForAll("odd") String route, @ForAll("odd") String address) throws Exception {
        TopModel model = new TopModel("http://127.0.0.1:8080");
        Player player = Player.fromJson(player(name, route).put("address", address).put("backend", address));
        model.update(TopModelTest.snapshot(0, player));
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        for (int view = 0; view < 3; view++) {
            for (Line line : TopView.render(model, 80, 24, 0)) {
                assertThat(Cells.columns(line.text())).isLessThanOrEqualTo(80);
                assertThat(line.text().chars().filter(OddTextTest::unsafe)).isEmpty();
            }
            TopApp.draw(screen, model);
            model.onKey(view == 0 ? new KeyStroke(KeyType.Enter) : new KeyStroke('k', false, false));
        }
        screen.stopScreen();
    }

    @Provide
    Arbitrary<String> odd() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars(NASTY.toCharArray()).ofMaxLength(40));
    }

    private static boolean unsafe(int c) {
        return Character.isISOControl(c) || Character.isSurrogate((char) c) || c == 0x2028 || c == 0x2029
                || c == 0xFEFF || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    private static JsonObject player(String name, String route) {
        return new JsonObject().put("id", "s-1").put("name", name).put("uuid", "").put("node", "node-one-0123")
                .put("route", route).put("backend", "10.0.0.2:25566").put("address", "10.1.1.1").put("protocol", 769)
                .put("connectedAt", 1_000L);
    }
}

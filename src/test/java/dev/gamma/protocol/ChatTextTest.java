package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.testkit.Allocation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain text           | Server full                | {\"text\":\"Server full\"}",
        "empty                | ``                         | {\"text\":\"\"}",
        "quotes and backslash | say \"hi\" \\o/            | {\"text\":\"say \\\"hi\\\" \\\\o/\"}",
        "section sign kept    | \u00a7cBanned              | {\"text\":\"\u00a7cBanned\"}",
        "non-ASCII kept       | caf\u00e9 \u2603           | {\"text\":\"caf\u00e9 \u2603\"}",
    })
    void jsonEscapesWhatJsonRequires(String what, String plain, String json) {
        assertThat(ChatText.json(plain)).isEqualTo(json);
    }

    @Test
    void jsonEscapesControlCharactersAsUnicode() {
        assertThat(ChatText.json("a\nb\tc\u0000\u001f")).isEqualTo("{\"text\":\"a\\u000ab\\u0009c\\u0000\\u001f\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not JSON                   | A Minecraft Server                                  | A Minecraft Server",
        "legacy codes, not JSON     | \u00a7aGreen \u00a7lbold                           | \u00a7aGreen \u00a7lbold",
        "malformed JSON             | {\"text\":\"cut                                     | {\"text\":\"cut",
        "JSON with trailing garbage | {\"text\":\"a\"} b                                  | {\"text\":\"a\"} b",
        "JSON string                | \"Hello\"                                           | Hello",
        "text object                | {\"text\":\"Hello\"}                                | Hello",
        "extra in order             | {\"text\":\"A\",\"extra\":[{\"text\":\"B\"},\"C\"]} | ABC",
        "extra before text          | {\"extra\":[\"B\"],\"text\":\"A\"}                  | AB",
        "array                      | [\"\",{\"text\":\"x\",\"color\":\"red\"},\"y\"]      | xy",
        "nested extra               | {\"text\":\"\",\"extra\":[{\"text\":\"a\",\"extra\":[{\"text\":\"b\"}]}]} | ab",
        "translate key              | {\"translate\":\"menu.server\"}                     | menu.server",
        "translate fallback         | {\"translate\":\"x.y\",\"fallback\":\"Hi\"}         | Hi",
        "section sign escaped       | {\"text\":\"\\u00a7aGreen\"}                        | \u00a7aGreen",
        "primitives in arrays       | [\"Players: \",12,\" \",true]                       | Players: 12 true",
        "whitespace                 | ` { \"text\" : \"a\" , \"bold\" : false } `         | a",
        "unknown component          | {\"keybind\":\"key.jump\"}                          | ``",
        "number alone               | 42                                                  | 42",
    })
    void plainExtractsTheText(String what, String input, String expected) {
        assertThat(ChatText.plain(input)).isEqualTo(expected);
    }

    @Test
    void plainDecodesJsonEscapes() {
        assertThat(ChatText.plain("{\"text\":\"a\\\"b\\\\c\\/d\\ne\\u0041\"}")).isEqualTo("a\"b\\c/d\neA");
    }

    @Test
    void plainTurnsNullIntoEmpty() {
        assertThat(ChatText.plain(null)).isEmpty();
    }

    @Test
    void plainAcceptsNestingUpToTheCap() {
        String deep = "[".repeat(ChatJson.MAX_DEPTH) + "\"x\"" + "]".repeat(ChatJson.MAX_DEPTH);
        assertThat(ChatText.plain(deep)).isEqualTo("x");
    }

    @Test
    void plainRejectsNestingPastTheCap() {
        String deeper = "[".repeat(ChatJson.MAX_DEPTH + 1) + "\"x\"" + "]".repeat(ChatJson.MAX_DEPTH + 1);
        assertThatThrownBy(() -> ChatText.plain(deeper))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("chat JSON nested deeper than 64 levels");
    }

    @Test
    void plainRejectsDeepNestingEvenWhenUnclosed() {
        assertThatThrownBy(() -> ChatText.plain("{\"extra\":".repeat(100_000)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void numbersCostNoMoreThanTheirText() {
        String json = "[" + "1,".repeat(10_000) + "1]";
        assertThat(ChatText.plain(json)).hasSize(10_001);
        Allocation.atMost(64L * json.length(), "a chat array of 10,001 numbers", () -> ChatText.plain(json));
    }

    @Property
    void plainUndoesJson(@ForAll String text) {
        assertThat(ChatText.plain(ChatText.json(text))).isEqualTo(text);
    }
}

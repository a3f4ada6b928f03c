package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain name            | Steve                 | Steve
            newline               | a\\nb                  | a\\u000ab
            carriage return       | a\\rb                  | a\\u000db
            escape sequence       | \\u001b[31mred         | \\u001b[31mred
            next line (C1)        | a\\u0085b              | a\\u0085b
            line separator        | a\\u2028b              | a\\u2028b
            paragraph separator   | a\\u2029b              | a\\u2029b
            right-to-left override | a\\u202eb             | a\\u202eb
            backslash             | a\\\\b                  | a\\\\b
            unicode letters       | Ünïcødé 名前           | Ünïcødé 名前
            """)
    void controlCharactersBecomeEscapes(String name, String input, String expected) {
        assertThat(Printable.escape(JavaEscapes.unescape(input), 100)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"abcdef, 3, abc…", "abc, 3, abc", "'', 3, ''"})
    void longTextIsCut(String input, int max, String expected) {
        assertThat(Printable.escape(input, max)).isEqualTo(expected);
    }
}

package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlayerNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Notch", "a", "_", ".", "..", "!~", "x_x-x.x", "ABCDEFGHIJKLMNOP", "#1{best}/|\\"})
    void namesVanillaAcceptsPass(String name) {
        assertThat(PlayerNames.problem(name)).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("empty", "", "Invalid username: it is empty"),
                arguments("a space", "a b", "not U+0020"),
                arguments("a leading space", " Steve", "not U+0020"),
                arguments("an accented letter", "\u00e9", "not U+00E9"),
                arguments("escape", "\u001b[31m", "not U+001B"),
                arguments("newline", "a\nb", "not U+000A"),
                arguments("delete", "a\u007f", "not U+007F"),
                arguments("a C1 control", "a\u009b", "not U+009B"),
                arguments("an emoji", "\ud83d\ude00", "not U+1F600"),
                arguments("17 characters", "ABCDEFGHIJKLMNOPQ",
                        "Invalid username: it has 17 characters, at most 16 are allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void otherNamesAreRefusedWithAReason(String what, String name, String reason) {
        assertThat(PlayerNames.problem(name)).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "é", "\u001b"})
    void badCharactersAreNamedTheWayVanillaNamesThem(String name) {
        assertThat(PlayerNames.problem(name)).hasValueSatisfying(r -> assertThat(r)
                .startsWith("Invalid characters in username: only ASCII letters, digits and symbols are allowed"));
    }
}

package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input that is not YAML text at all. */
class YamlTreeReaderTest {
    private List<String> problems(byte[] bytes) {
        Problems problems = new Problems();
        new YamlTreeReader("F", problems).read(bytes);
        return problems.sorted();
    }

    @Test
    void bytesThatAreNotTextAreAProblemOnTheirLine() {
        assertThat(problems(new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', 0x01, 0x02}))
                .containsExactly("F:2: invalid YAML: special characters are not allowed (character 0x1)");
    }

    @Test
    void invalidUtf8IsAProblem() {
        assertThat(problems(new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, (byte) 0xc3}))
                .singleElement().asString().startsWith("F: invalid YAML: ");
    }

    @Test
    void aByteOrderMarkIsFine() {
        assertThat(problems(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'a', ':', ' ', '1'})).isEmpty();
    }

    @Test
    void aMapKeyThatIsAListIsAProblem() {
        assertThat(problems("limits:\n  [a, b]: 1\n".getBytes()))
                .containsExactly("F:2: limits: a key must be a plain name, not a list or a map");
    }

    @Test
    void aBillionLaughsDocumentIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        assertThat(problems(yaml.toString().getBytes())).singleElement().asString()
                .startsWith("F: invalid YAML: ");
    }
}

package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostnamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "play.example.com            | play.example.com",
        "PLAY.Example.COM            | play.example.com",
        "play.example.com.           | play.example.com",
        "play.example.com..          | play.example.com",
        "play.example.com:25565      | play.example.com",
        "play.example.com.:25565     | play.example.com",
        "_minecraft._tcp.play.example.com | play.example.com",
        "play.example.com///1.2.3.4:5555///1700000000 | play.example.com",
        "play.example.com///1.2.3.4:5555///1700000000///c2ln | play.example.com",
        "play.example.com\\\\abc     | play.example.com",
        "[::1]:25565                 | ::1",
        "127.0.0.1                   | 127.0.0.1",
        "''                          | ''",
    })
    void normalizeCleansTypedAddress(String raw, String expected) {
        assertThat(Hostnames.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "marker {0}")
    @ValueSource(strings = {"\u0000FML\u0000", "\u0000FML2\u0000", "\u0000FML3\u0000", "\u0000FORGE", "\u00001.2.3.4\u0000uuid"})
    void normalizeStripsForgeMarkerAndForwardingData(String suffix) {
        assertThat(Hostnames.normalize("Play.Example.com." + suffix)).isEqualTo("play.example.com");
        assertThat(Hostnames.suffix("play.example.com" + suffix)).isEqualTo(suffix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"play.example.com", "a.b"})
    void suffixIsEmptyWithoutNul(String host) {
        assertThat(Hostnames.suffix(host)).isEmpty();
    }
}

package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForeignGreetingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GET / HTTP/1.1|an HTTP request",
        "POST /api HTTP/1.1|an HTTP request",
        "CONNECT mc.example:25565 HTTP/1.1|an HTTP proxy request",
        "PRI * HTTP/2.0|an HTTP/2 request",
        "SSH-2.0-OpenSSH_9.2p1|an SSH client",
        "PROXY TCP4 203.0.113.9 192.0.2.1 4000 25565|a PROXY protocol v1 header where none is expected",
    })
    void namesTextProtocols(String start, String description) {
        assertThat(ForeignGreeting.describe(ByteBuffer.wrap(start.getBytes(StandardCharsets.US_ASCII))))
                .contains(description);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "16 03 01 00 c3 01|a TLS ClientHello",
        "0d 0a 0d 0a 00 0d 0a 51 55 49 54 0a 21 11|a PROXY protocol v2 header where none is expected",
    })
    void namesBinaryProtocols(String start, String description) {
        assertThat(ForeignGreeting.describe(Hex.buf(start))).contains(description);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "fe", "fe 01 fa", "10 00 81 06", "47 45", "16", "0d 0a 0d 0a"})
    void minecraftAndTooShortStartsAreNotNamed(String start) {
        assertThat(ForeignGreeting.describe(Hex.buf(start))).isEqualTo(Optional.empty());
    }
}

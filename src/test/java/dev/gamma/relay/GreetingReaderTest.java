package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.ProtocolException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GreetingReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GET / HTTP/1.1|not Minecraft: an HTTP request (handshake packet id 0x45, expected 0x00)",
        "SSH-2.0-x|not Minecraft: an SSH client (handshake packet id 0x53, expected 0x00)",
        "PROXY TCP4 |not Minecraft: a PROXY protocol v1 header where none is expected",
        "Hello|handshake packet id 0x65, expected 0x00",
    })
    void otherProtocolsAreRefusedFromTheirFirstBytesNotAtTheDeadline(String start, String message) {
        GreetingReader reader = new GreetingReader(4096);
        assertThatThrownBy(() -> reader.feed(Buffer.buffer(start.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "first {0} bytes")
    @ValueSource(ints = {1, 2, 3, 10})
    void aHandshakeCutShortWaitsForTheRest(int bytes) {
        byte[] frame = new Handshake(769, "mc.example", 25565, Handshake.STATUS).encode();
        GreetingReader reader = new GreetingReader(4096);
        assertThat(reader.feed(Buffer.buffer(Arrays.copyOf(frame, bytes)))).isInstanceOf(Greeting.Incomplete.class);
        assertThat(reader.feed(Buffer.buffer(Arrays.copyOfRange(frame, bytes, frame.length))))
                .isInstanceOf(Greeting.Status.class);
    }
}

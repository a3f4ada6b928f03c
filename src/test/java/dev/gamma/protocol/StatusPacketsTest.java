package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusPacketsTest {

    @Test
    void framesHaveTheKnownBytes() {
        assertThat(Hex.of(StatusPackets.requestFrame())).isEqualTo("01 00");
        assertThat(Hex.of(StatusPackets.pingFrame(0x0102030405060708L)))
                .isEqualTo("09 01 01 02 03 04 05 06 07 08");
        assertThat(StatusPackets.pongFrame(7)).isEqualTo(StatusPackets.pingFrame(7));
        assertThat(Hex.of(StatusPackets.responseFrame("{}"))).isEqualTo("04 00 02 7b 7d");
    }

    @Test
    void isRequestAcceptsOnlyABareId0WithoutMovingTheBody() {
        ByteBuffer request = Hex.body(StatusPackets.requestFrame());
        assertThat(StatusPackets.isRequest(request)).isTrue();
        assertThat(request.position()).isZero();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "01", "00 00", "01 00 00 00 00 00 00 00 00"})
    void isRequestRejectsEverythingElse(String hex) {
        assertThat(StatusPackets.isRequest(Hex.buf(hex))).isFalse();
    }

    @Test
    void responseRoundTrips() {
        String json = "{\"version\":{\"name\":\"1.21.4\",\"protocol\":769},\"description\":{\"text\":\"\u00a7aHi\"}}";
        assertThat(StatusPackets.readResponse(Hex.body(StatusPackets.responseFrame(json)))).isEqualTo(json);
    }

    @Test
    void readResponseRejectsJsonOverTheCap() {
        byte[] header = new WireWriter().writeVarInt(0).writeVarInt(StatusPackets.MAX_RESPONSE_BYTES + 1).toByteArray();
        assertThatThrownBy(() -> StatusPackets.readResponse(ByteBuffer.wrap(header)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("string of 262145 bytes exceeds cap 262144");
    }

    @Test
    void readersCheckThePacketId() {
        assertThatThrownBy(() -> StatusPackets.readPing(Hex.buf("00 00 00 00 00 00 00 00 01")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("ping packet id 0x0, expected 0x01");
        assertThatThrownBy(() -> StatusPackets.readResponse(Hex.body(StatusPackets.pingFrame(1))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void readPingRejectsTrailingAndMissingBytes() {
        assertThatThrownBy(() -> StatusPackets.readPing(Hex.buf("01 00 00 00 00 00 00 00 01 ff")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("1 trailing bytes after the ping");
        assertThatThrownBy(() -> StatusPackets.readPing(Hex.buf("01 00 00")))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("truncated");
    }

    @Property
    void pingAndPongRoundTripEveryPayload(@ForAll long payload) {
        assertThat(StatusPackets.readPing(Hex.body(StatusPackets.pingFrame(payload)))).isEqualTo(payload);
        assertThat(StatusPackets.readPing(Hex.body(StatusPackets.pongFrame(payload)))).isEqualTo(payload);
    }
}

package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeTest {

    @Test
    void decodeReadsAKnownHandshake() {
        // protocol 47, "localhost", port 25565, status
        ByteBuffer body = Hex.buf("00 2f 09 6c 6f 63 61 6c 68 6f 73 74 63 dd 01");
        assertThat(Handshake.decode(body)).isEqualTo(new Handshake(47, "localhost", 25565, Handshake.STATUS));
        assertThat(body.position()).isZero();
    }

    @ParameterizedTest(name = "{0} intent {1}")
    @CsvSource(delimiter = '|', value = {
        "mc.example.com|1",
        "mc.example.com|2",
        "mc.example.com|3",
        "mc.example.com\\0FML\\0|2",
        "mc.example.com\\0FML2\\0|2",
        "mc.example.com\\0FML3\\0|2",
        "mc.example.com\\0FORGE47|2",
        "mc.example.com.|2",
        "MC.Example.COM:25565|1",
        "mc.example.com\\0203.0.113.7\\0069a79f444e94726a5befca90e38aaf5\\0[{\"name\":\"textures\"}]|2",
        "mc.example.com///203.0.113.7:51234///1700000000///c2lnbmF0dXJl|2",
    })
    void handshakeRoundTripsAddressesExactlyAsSent(String address, int intent) {
        String raw = address.replace("\\0", "\0");
        Handshake sent = new Handshake(769, raw, 25565, intent);
        byte[] frame = sent.encode();
        assertThat(Handshake.decode(Hex.body(frame))).isEqualTo(sent);
    }

    @ParameterizedTest(name = "intent {0}")
    @CsvSource({"1, true, false", "2, false, true", "3, false, true"})
    void transferCountsAsLogin(int intent, boolean status, boolean login) {
        Handshake handshake = new Handshake(766, "a", 1, intent);
        assertThat(handshake.isStatus()).isEqualTo(status);
        assertThat(handshake.isLogin()).isEqualTo(login);
    }

    @Test
    void decodeAcceptsNegativeProtocolFromServerListPingers() {
        Handshake pinger = new Handshake(-1, "x", 0, Handshake.STATUS);
        assertThat(Handshake.decode(Hex.body(pinger.encode())).protocolVersion()).isEqualTo(-1);
    }

    @Test
    void decodeAcceptsAddressUpToTheCap() {
        String address = "h".repeat(255) + "\0" + "\u00e9".repeat((Handshake.MAX_ADDRESS_BYTES - 256) / 2);
        Handshake big = new Handshake(763, address, 25565, Handshake.LOGIN);
        assertThat(Handshake.decode(Hex.body(big.encode())).address()).isEqualTo(address);
    }

    @Test
    void decodeRejectsAddressOverTheCap() {
        Handshake huge = new Handshake(763, "h".repeat(Handshake.MAX_ADDRESS_BYTES + 1), 25565, Handshake.LOGIN);
        assertThatThrownBy(() -> Handshake.decode(Hex.body(huge.encode())))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("string of 4097 bytes exceeds cap 4096");
    }

    @ParameterizedTest(name = "intent {0}")
    @ValueSource(strings = {"00", "04", "ff ff ff ff 0f"})
    void decodeRejectsUnknownIntent(String intent) {
        assertThatThrownBy(() -> Handshake.decode(Hex.buf("00 2f 01 61 63 dd " + intent)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("intent");
    }

    @Test
    void decodeRejectsOtherPacketIds() {
        assertThatThrownBy(() -> Handshake.decode(Hex.buf("01 2f 01 61 63 dd 01")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("handshake packet id 0x1, expected 0x00");
    }

    @Test
    void decodeRejectsTrailingBytes() {
        assertThatThrownBy(() -> Handshake.decode(Hex.buf("00 2f 01 61 63 dd 01 00 00")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("2 trailing bytes after the handshake");
    }

    @Test
    void decodeRejectsTruncatedHandshake() {
        assertThatThrownBy(() -> Handshake.decode(Hex.buf("00 2f 01 61 63")))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void withAddressKeepsTheOtherFields() {
        Handshake original = new Handshake(765, "play.example.com\0FML3\0", 25566, Handshake.TRANSFER);
        assertThat(original.withAddress("backend.internal"))
                .isEqualTo(new Handshake(765, "backend.internal", 25566, Handshake.TRANSFER));
    }

    @Test
    void constructorRejectsImpossibleValues() {
        assertThatThrownBy(() -> new Handshake(1, "a", 65536, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handshake(1, "a", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handshake(1, null, 1, 1)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "10", "10 00", "10 80", "80 01 00", "fe 01 00 2f", "ff ff 7f 00"})
    void checkStartWaitsWhileTheStartCanBeAHandshake(String start) {
        ByteBuffer buf = Hex.buf(start);
        Handshake.checkStart(buf);
        assertThat(buf.position()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "47 45 54 20|handshake packet id 0x45, expected 0x00",
        "16 03 01|handshake packet id 0x3, expected 0x00",
        "80 01 81|handshake packet id 0x1..., expected 0x00",
    })
    void checkStartRefusesAFrameWhosePacketIdIsNotZero(String start, String message) {
        assertThatThrownBy(() -> Handshake.checkStart(Hex.buf(start)))
                .isInstanceOf(ProtocolException.class).hasMessage(message);
    }
}

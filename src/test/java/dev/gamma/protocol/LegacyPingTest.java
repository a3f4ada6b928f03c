package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.protocol.LegacyPing.Ambiguous;
import dev.gamma.protocol.LegacyPing.Form;
import dev.gamma.protocol.LegacyPing.Incomplete;
import dev.gamma.protocol.LegacyPing.Legacy;
import dev.gamma.protocol.LegacyPing.Modern;
import dev.gamma.protocol.LegacyPing.Request;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyPingTest {
    /** A 1.6.4 client pinging localhost:25565 (protocol 73). */
    static final String PING_1_6 = "fe 01 fa 00 0b 00 4d 00 43 00 7c 00 50 00 69 00 6e 00 67 00 48 00 6f 00 73 00 74"
            + " 00 19 49 00 09 00 6c 00 6f 00 63 00 61 00 6c 00 68 00 6f 00 73 00 74 00 00 63 dd";

    private static final Request PRE_1_4 = new Request(Form.PRE_1_4, -1, null, -1);
    private static final Request V1_4 = new Request(Form.V1_4, -1, null, -1);

    @Test
    void nothingYetIsIncomplete() {
        assertThat(LegacyPing.detect(ByteBuffer.allocate(0))).isEqualTo(new Incomplete());
    }

    @Test
    void loneFeIsAmbiguousPre14() {
        assertThat(LegacyPing.detect(Hex.buf("fe"))).isEqualTo(new Ambiguous(PRE_1_4));
    }

    @Test
    void fe01IsAmbiguous14() {
        assertThat(LegacyPing.detect(Hex.buf("fe 01"))).isEqualTo(new Ambiguous(V1_4));
    }

    @Test
    void fe01FollowedByAnotherByteIsThe14Form() {
        assertThat(LegacyPing.detect(Hex.buf("fe 01 05"))).isEqualTo(new Legacy(V1_4));
    }

    @Test
    void complete16PingIsParsed() {
        assertThat(LegacyPing.detect(Hex.buf(PING_1_6)))
                .isEqualTo(new Legacy(new Request(Form.V1_6, 73, "localhost", 25565)));
    }

    @Test
    void every16PrefixIsIncomplete() {
        byte[] ping = Hex.bytes(PING_1_6);
        for (int length = 3; length < ping.length; length++) {
            assertThat(LegacyPing.detect(ByteBuffer.wrap(ping, 0, length)))
                    .as("first %d bytes", length)
                    .isEqualTo(new Incomplete());
        }
    }

    @Test
    void modernHandshakeOf254BytesIsModern() {
        byte[] frame = handshakeFrameOf(254);
        assertThat(Hex.of(java.util.Arrays.copyOf(frame, 3))).isEqualTo("fe 01 00");
        assertThat(LegacyPing.detect(ByteBuffer.wrap(frame))).isEqualTo(new Modern());
        assertThat(Handshake.decode(Hex.body(frame)).port()).isEqualTo(25565);
    }

    @Test
    void partial254ByteHandshakeIsModernOnceTheThirdByteArrives() {
        assertThat(LegacyPing.detect(ByteBuffer.wrap(handshakeFrameOf(254), 0, 3))).isEqualTo(new Modern());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource({"10 00 2f", "fe 02", "fe 7f 00", "00"})
    void otherStartsAreModern(String hex) {
        assertThat(LegacyPing.detect(Hex.buf(hex))).isEqualTo(new Modern());
    }

    @Test
    void normalHandshakeIsModern() {
        byte[] frame = new Handshake(769, "mc.example.com", 25565, Handshake.LOGIN).encode();
        assertThat(LegacyPing.detect(ByteBuffer.wrap(frame))).isEqualTo(new Modern());
    }

    @Test
    void detectDoesNotMoveThePosition() {
        ByteBuffer buf = Hex.buf("00 " + PING_1_6);
        buf.position(1);
        assertThat(LegacyPing.detect(buf)).isInstanceOf(Legacy.class);
        assertThat(buf.position()).isEqualTo(1);
    }

    @Test
    void pingClaimingMoreThanTheCapIsRejectedBeforeItArrives() {
        String header = PING_1_6.substring(0, PING_1_6.indexOf(" 00 19 49") + " 00 19 49".length());
        assertThatThrownBy(() -> LegacyPing.detect(Hex.buf(header + " 01 00")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("legacy 1.6 ping of 548 bytes exceeds cap 512");
    }

    @Test
    void pingWithAnotherChannelIsRejected() {
        assertThatThrownBy(() -> LegacyPing.detect(Hex.buf(PING_1_6.replace("00 50 00 69", "00 51 00 69"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("legacy ping channel is not MC|PingHost");
        assertThatThrownBy(() -> LegacyPing.detect(Hex.buf("fe 01 fa 00 05")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("legacy ping channel of 5 chars is not MC|PingHost");
    }

    @Test
    void pingWithPortOutOfRangeIsRejected() {
        assertThatThrownBy(() -> LegacyPing.detect(Hex.buf(PING_1_6.replace("00 00 63 dd", "00 01 63 dd"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("port 91101");
    }

    @Test
    void replyMatchesTheKnownExampleByteForByte() {
        String expected = "ff 00 23 00 a7 00 31 00 00 00 34 00 37 00 00 00 31 00 2e 00 34 00 2e 00 32 00 00"
                + " 00 41 00 20 00 4d 00 69 00 6e 00 65 00 63 00 72 00 61 00 66 00 74 00 20"
                + " 00 53 00 65 00 72 00 76 00 65 00 72 00 00 00 30 00 00 00 32 00 30";
        LegacyStatus status = new LegacyStatus(47, "1.4.2", "A Minecraft Server", 0, 20);
        assertThat(Hex.of(LegacyPing.reply(Form.V1_6, status))).isEqualTo(expected);
        assertThat(LegacyPing.reply(Form.V1_4, status)).isEqualTo(LegacyPing.reply(Form.V1_6, status));
    }

    @Test
    void pre14ReplyDropsSectionSignsFromTheMotd() {
        LegacyStatus status = new LegacyStatus(47, "1.4.2", "\u00a7aHi", 3, 20);
        assertThat(Hex.of(LegacyPing.reply(Form.PRE_1_4, status)))
                .isEqualTo("ff 00 08 00 61 00 48 00 69 00 a7 00 33 00 a7 00 32 00 30");
    }

    @Test
    void replyKeepsFieldSeparatorsOutOfTheText() {
        LegacyStatus status = new LegacyStatus(5, "v\0x", "m\0o", 1, 2);
        assertThat(replyText(Form.V1_6, status)).isEqualTo("\u00a71\0" + "5\0vx\0mo\0" + "1\0" + "2");
    }

    @Test
    void replyShortensALongMotdToWhatOldClientsAccept() {
        LegacyStatus status = new LegacyStatus(127, "1.6.4", "m".repeat(1000), 10, 100);
        assertThat(replyText(Form.V1_6, status)).hasSize(LegacyPing.MAX_REPLY_CHARS).endsWith("m\0" + "10\0" + "100");
        assertThat(replyText(Form.PRE_1_4, status)).hasSize(LegacyPing.MAX_REPLY_CHARS_PRE_1_4).endsWith("m\u00a710\u00a7100");
    }

    @Test
    void fitNeverSplitsASurrogatePair() {
        assertThat(LegacyPing.fit("ab\uD83D\uDE00", 3)).isEqualTo("ab");
        assertThat(LegacyPing.fit("abc", -4)).isEmpty();
    }

    private static String replyText(Form form, LegacyStatus status) {
        byte[] reply = LegacyPing.reply(form, status);
        assertThat(reply[0]).isEqualTo((byte) 0xFF);
        int chars = (reply[1] & 0xFF) << 8 | reply[2] & 0xFF;
        assertThat(reply).hasSize(3 + 2 * chars);
        return new String(reply, 3, reply.length - 3, StandardCharsets.UTF_16BE);
    }

    /** A modern handshake frame whose body is {@code bodyLength} bytes long. */
    static byte[] handshakeFrameOf(int bodyLength) {
        for (int addressLength = 1; addressLength < bodyLength; addressLength++) {
            byte[] frame = new Handshake(47, "a".repeat(addressLength), 25565, Handshake.STATUS).encode();
            if (frame.length - VarInt.size(bodyLength) == bodyLength) {
                return frame;
            }
        }
        throw new AssertionError("no handshake of " + bodyLength + " bytes");
    }
}

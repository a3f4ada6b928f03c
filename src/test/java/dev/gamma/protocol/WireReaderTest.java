package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireReaderTest {

    @Test
    void stringReadsUtf8() {
        byte[] bytes = new WireWriter().writeString("h\u00e9llo \u00a7a\uD83D\uDE00").toByteArray();
        assertThat(new WireReader(ByteBuffer.wrap(bytes)).readString(64)).isEqualTo("h\u00e9llo \u00a7a\uD83D\uDE00");
    }

    @Test
    void stringRejectsLengthAboveCapBeforeLookingForTheBytes() {
        byte[] length = new WireWriter().writeVarInt(70_000).toByteArray();
        assertThatThrownBy(() -> new WireReader(ByteBuffer.wrap(length)).readString(4096))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("string of 70000 bytes exceeds cap 4096");
    }

    @Test
    void stringAcceptsLengthEqualToCap() {
        assertThat(new WireReader(Hex.buf("03 61 62 63")).readString(3)).isEqualTo("abc");
    }

    @Test
    void stringRejectsNegativeLength() {
        assertThatThrownBy(() -> new WireReader(Hex.buf("ff ff ff ff 0f")).readString(10))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("string has negative length -1");
    }

    @Test
    void stringRejectsMissingBytes() {
        assertThatThrownBy(() -> new WireReader(Hex.buf("05 61 62")).readString(10))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("string truncated: needs 5 bytes, 2 left");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bad continuation, 02 c3 28",
        "overlong NUL, 02 c0 80",
        "encoded surrogate, 03 ed a0 80",
        "lone continuation, 01 80",
        "cut sequence, 01 e2",
    })
    void stringRejectsMalformedUtf8(String what, String hex) {
        assertThatThrownBy(() -> new WireReader(Hex.buf(hex)).readString(10))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void booleanRejectsValuesOtherThanZeroAndOne() {
        assertThat(new WireReader(Hex.buf("00 01")).readBoolean()).isFalse();
        assertThatThrownBy(() -> new WireReader(Hex.buf("02")).readBoolean())
                .isInstanceOf(ProtocolException.class)
                .hasMessage("boolean byte 0x2 is neither 0 nor 1");
    }

    @Test
    void numbersAreBigEndianWhateverTheBufferOrder() {
        ByteBuffer buf = Hex.buf("ff fe 12 34 56 78 01 02 03 04 05 06 07 08 ff").order(ByteOrder.LITTLE_ENDIAN);
        WireReader reader = new WireReader(buf);
        assertThat(reader.readUnsignedShort()).isEqualTo(0xFFFE);
        assertThat(reader.readInt()).isEqualTo(0x12345678);
        assertThat(reader.readLong()).isEqualTo(0x0102030405060708L);
        assertThat(reader.readUnsignedByte()).isEqualTo(0xFF);
        assertThat(reader.remaining()).isZero();
    }

    @Test
    void uuidIsTwoLongs() {
        WireReader reader = new WireReader(Hex.buf("00112233445566778899aabbccddeeff"));
        assertThat(reader.readUuid()).isEqualTo(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "short, 01",
        "int, 01 02 03",
        "long, 01 02 03 04 05 06 07",
        "UUID, 01 02 03 04 05 06 07 08 09",
    })
    void fixedWidthReadsRejectTruncationWithoutConsuming(String what, String hex) {
        ByteBuffer buf = Hex.buf(hex);
        WireReader reader = new WireReader(buf);
        assertThatThrownBy(() -> {
            switch (what) {
                case "short" -> reader.readUnsignedShort();
                case "int" -> reader.readInt();
                case "long" -> reader.readLong();
                default -> reader.readUuid();
            }
        }).isInstanceOf(ProtocolException.class).hasMessageStartingWith(what + " truncated");
        assertThat(buf.position()).isZero();
    }

    @Test
    void byteArrayRejectsLengthAboveCap() {
        assertThatThrownBy(() -> new WireReader(Hex.buf("05 01 02 03 04 05")).readByteArray(4))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("byte array of 5 bytes exceeds cap 4");
        assertThat(new WireReader(Hex.buf("02 01 02")).readByteArray(2)).containsExactly(1, 2);
    }

    @Test
    void emptyBufferTruncatesEveryRead() {
        WireReader reader = new WireReader(ByteBuffer.allocate(0));
        assertThatThrownBy(reader::readUnsignedByte).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(reader::readBoolean).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(reader::readVarInt).isInstanceOf(ProtocolException.class);
    }
}

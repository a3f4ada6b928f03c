package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarIntTest {

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 80 01",
        "255, ff 01",
        "25565, dd c7 01",
        "2097151, ff ff 7f",
        "2097152, 80 80 80 01",
        "2147483647, ff ff ff ff 07",
        "-1, ff ff ff ff 0f",
        "-2147483648, 80 80 80 80 08",
    })
    void varIntMatchesKnownEncodings(int value, String hex) {
        assertThat(Hex.of(new WireWriter().writeVarInt(value).toByteArray())).isEqualTo(hex);
        WireReader reader = new WireReader(Hex.buf(hex));
        assertThat(reader.readVarInt()).isEqualTo(value);
        assertThat(reader.remaining()).isZero();
        assertThat(VarInt.size(value)).isEqualTo(Hex.bytes(hex).length);
    }

    @Test
    void varIntRejectsSixthByte() {
        assertThatThrownBy(() -> new WireReader(Hex.buf("ff ff ff ff ff 01")).readVarInt())
                .isInstanceOf(ProtocolException.class)
                .hasMessage("VarInt longer than 5 bytes");
    }

    @Test
    void varIntRejectsMissingContinuation() {
        assertThatThrownBy(() -> new WireReader(Hex.buf("ff ff")).readVarInt())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void varIntAcceptsNonCanonicalEncodingLikeVanilla() {
        assertThat(new WireReader(Hex.buf("80 80 00")).readVarInt()).isZero();
    }

    @Test
    void protocolExceptionCarriesNoStackTrace() {
        assertThat(new ProtocolException("x").getStackTrace()).isEmpty();
    }

    @Property
    void varIntRoundTripsEveryInt(@ForAll int value) {
        byte[] encoded = new WireWriter().writeVarInt(value).toByteArray();
        WireReader reader = new WireReader(java.nio.ByteBuffer.wrap(encoded));
        assertThat(reader.readVarInt()).isEqualTo(value);
        assertThat(reader.remaining()).isZero();
        assertThat(encoded).hasSize(VarInt.size(value)).hasSizeLessThanOrEqualTo(VarInt.MAX_BYTES);
    }
}

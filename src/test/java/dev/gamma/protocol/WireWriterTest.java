package dev.gamma.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class WireWriterTest {

    @Test
    void writerEncodesEachFieldBigEndian() {
        byte[] bytes = new WireWriter()
                .writeByte(0xAB).writeShort(0x1234).writeInt(0xCAFEBABE).writeLong(1L)
                .writeBoolean(true).writeString("hi").writeByteArray(new byte[] {7}).writeBytes(new byte[] {9})
                .toByteArray();
        assertThat(Hex.of(bytes)).isEqualTo(
                "ab 12 34 ca fe ba be 00 00 00 00 00 00 00 01 01 02 68 69 01 07 09");
    }

    @Test
    void toFrameWrapsWhatWasWrittenAsOneFrame() {
        WireWriter writer = new WireWriter().writeVarInt(0x01).writeLong(42);
        assertThat(writer.size()).isEqualTo(9);
        assertThat(Hex.of(writer.toFrame())).isEqualTo("09 01 00 00 00 00 00 00 00 2a");
    }

    @Test
    void writerGrowsPastItsInitialCapacity() {
        byte[] big = new byte[10_000];
        big[9_999] = 5;
        byte[] out = new WireWriter().writeByte(1).writeBytes(big).toByteArray();
        assertThat(out).hasSize(10_001);
        assertThat(out[10_000]).isEqualTo((byte) 5);
    }

    @Property
    void everyFieldRoundTrips(@ForAll int varInt, @ForAll long l, @ForAll int i, @ForAll boolean b,
            @ForAll long most, @ForAll long least, @ForAll @Size(max = 300) byte[] array,
            @ForAll @StringLength(max = 300) String s) {
        UUID uuid = new UUID(most, least);
        byte[] bytes = new WireWriter().writeVarInt(varInt).writeLong(l).writeInt(i).writeBoolean(b)
                .writeUuid(uuid).writeByteArray(array).writeString(s).writeShort(i).writeByte(i).toByteArray();
        WireReader reader = new WireReader(ByteBuffer.wrap(bytes));
        assertThat(reader.readVarInt()).isEqualTo(varInt);
        assertThat(reader.readLong()).isEqualTo(l);
        assertThat(reader.readInt()).isEqualTo(i);
        assertThat(reader.readBoolean()).isEqualTo(b);
        assertThat(reader.readUuid()).isEqualTo(uuid);
        assertThat(reader.readByteArray(300)).isEqualTo(array);
        // lone surrogates cannot be encoded as UTF-8: the writer replaces them, as String.getBytes does
        assertThat(reader.readString(300 * 3)).isEqualTo(new String(s.getBytes(UTF_8), UTF_8));
        assertThat(reader.readUnsignedShort()).isEqualTo(i & 0xFFFF);
        assertThat(reader.readUnsignedByte()).isEqualTo(i & 0xFF);
        assertThat(reader.remaining()).isZero();
    }
}

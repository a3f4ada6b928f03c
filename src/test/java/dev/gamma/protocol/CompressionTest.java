package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CompressionTest {
    private final Compression zlib = new Compression(256);

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 255, 256, 257, 4096, 1 << 20})
    void framesRoundTripAroundTheThreshold(int size) {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        body[0] = 0x22;
        ByteBuffer frameBody = Frames.next(ByteBuffer.wrap(zlib.frame(body)), Frames.MAX_FRAME_LENGTH);
        assertThat(frameBody).isNotNull();
        assertThat(bytes(zlib.decompress(frameBody))).isEqualTo(body);
        assertThat(zlib.peekPacketId(frameBody)).isEqualTo(0x22);
    }

    @Test
    void zeroThresholdCompressesEverything() {
        Compression always = new Compression(0);
        ByteBuffer frameBody = Frames.next(ByteBuffer.wrap(always.frame(new byte[] {5})), 100);
        assertThat(new WireReader(frameBody.duplicate()).readVarInt()).as("declared length").isEqualTo(1);
        assertThat(bytes(always.decompress(frameBody))).containsExactly(5);
    }

    @Test
    void declaredLengthLargerThanTheDataIsRefused() {
        assertThatThrownBy(() -> zlib.decompress(compressed(1000, new byte[600])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("declared 1000");
    }

    @Test
    void declaredLengthSmallerThanTheDataIsRefused() {
        assertThatThrownBy(() -> zlib.decompress(compressed(300, new byte[600])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("more than declared");
    }

    @Test
    void hugeDeclaredLengthIsRefusedBeforeAllocating() {
        assertThatThrownBy(() -> zlib.decompress(compressed(Integer.MAX_VALUE, new byte[600])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("over");
    }

    @Test
    void tinyBodyClaimingMegabytesIsRefusedBeforeAllocating() {
        ByteBuffer body = ByteBuffer.wrap(new WireWriter().writeVarInt(Compression.MAX_UNCOMPRESSED)
                .writeBytes(new byte[] {0x78, (byte) 0x9C, 0x03}).toByteArray());
        assertThatThrownBy(() -> zlib.decompress(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("cannot inflate");
    }

    @Test
    void tinyPacketInflatingToMoreThanItDeclaresIsRefused() {
        Compression always = new Compression(0);
        assertThatThrownBy(() -> always.decompress(compressed(1, new byte[2])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("more than declared 1");
        assertThat(always.peekPacketId(compressed(1, new byte[] {7, 7}))).as("the head alone is still readable")
                .isEqualTo(7);
    }

    @Test
    void negativeThresholdIsNotACompression() {
        assertThatThrownBy(() -> new Compression(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void declaredLengthUnderTheThresholdIsRefused() {
        assertThatThrownBy(() -> zlib.decompress(compressed(10, new byte[10])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("under the threshold");
    }

    @Test
    void garbageAfterTheLengthIsRefused() {
        ByteBuffer body = ByteBuffer.wrap(new WireWriter().writeVarInt(300).writeBytes(new byte[] {1, 2, 3, 4}).toByteArray());
        assertThatThrownBy(() -> zlib.decompress(body)).isInstanceOf(ProtocolException.class);
    }

    private static ByteBuffer compressed(int declared, byte[] actual) {
        Deflater deflater = new Deflater();
        deflater.setInput(actual);
        deflater.finish();
        byte[] out = new byte[actual.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return ByteBuffer.wrap(new WireWriter().writeVarInt(declared).writeBytes(java.util.Arrays.copyOf(out, n)).toByteArray());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
